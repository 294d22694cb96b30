import * as z from "zod";
import { COUNTERS } from "./scoring/counters";

/**
 * Queue messages, a versioned discriminated union shared by producers and consumers. Each carries
 * an idempotency key (`eventId`), because every queue may deliver twice or out of order.
 */
export const CaseIntakeMessage = z.object({
  v: z.literal(1),
  kind: z.literal("case.submitted"),
  eventId: z.string(),
  caseId: z.string(),
  trackingNo: z.string(),
  submittedAt: z.string(),
});
export type CaseIntakeMessage = z.infer<typeof CaseIntakeMessage>;

export const CaseEventMessage = z.object({
  v: z.literal(1),
  kind: z.literal("case.event"),
  eventId: z.string(),
  caseId: z.string(),
  seq: z.int().positive(),
  type: z.string(),
  at: z.string(),
  status: z.string(),
  departmentId: z.string().nullable(),
  /** What the event adds to the evaluation rollups (shared/scoring/rollup-increments.ts), computed by the case's object. */
  rollup: z
    .object({
      period: z.string(),
      departmentId: z.string(),
      regionCode: z.string(),
      category: z.string(),
      counters: z.partialRecord(z.enum(COUNTERS), z.int().min(0).max(1)),
    })
    .nullable()
    .default(null),
});
export type CaseEventMessage = z.infer<typeof CaseEventMessage>;

/**
 * The case events of one outbox drain in one message (v2): one queue operation and one consumer
 * pass for a command's events, or for a whole imported case's (about ten). A drain with a single
 * event still sends it as v1; the consumer reads both.
 */
export const CaseEventsMessage = z.object({
  v: z.literal(2),
  kind: z.literal("case.events"),
  events: z.array(CaseEventMessage).min(1).max(100),
});
export type CaseEventsMessage = z.infer<typeof CaseEventsMessage>;
export const CaseEventsQueueMessage = z.union([CaseEventMessage, CaseEventsMessage]);
export type CaseEventsQueueMessage = z.infer<typeof CaseEventsQueueMessage>;

/** The events a case-events queue message carries, whichever version it is. */
export function eventsOf(message: CaseEventsQueueMessage): CaseEventMessage[] {
  return message.v === 2 ? message.events : [message];
}

export const DeadlineDueMessage = z.object({
  v: z.literal(1),
  kind: z.literal("deadline.due"),
  caseId: z.string(),
  dueAt: z.string(),
  sweepId: z.string(),
});
export type DeadlineDueMessage = z.infer<typeof DeadlineDueMessage>;

/**
 * Sent by intake once a case's object has answered its submission: the record of every case that
 * does not depend on the object's own alarm, from which reconciliation finds a case whose
 * projection never reached D1.
 */
export const CaseRegisteredMessage = z.object({
  v: z.literal(1),
  kind: z.literal("case.registered"),
  caseId: z.string(),
  trackingNo: z.string(),
  submittedAt: z.string(),
});
export type CaseRegisteredMessage = z.infer<typeof CaseRegisteredMessage>;

/**
 * A case event someone may need to hear about, sent by the case's object to the notifications
 * consumer (deadline Worker), which looks up who and on which channel. It carries no personal
 * data: recipients are read from D1 when the message is handled. `eventId` keys every notification.
 */
export const NotifyMessage = z.object({
  v: z.literal(1),
  kind: z.literal("notify.case"),
  eventId: z.string(),
  caseId: z.string(),
  trackingNo: z.string(),
  type: z.string(),
  at: z.string(),
  /** The department holding the case after the event. */
  departmentId: z.string().nullable(),
  /** What the citizen is told is due (the reply while it runs, then the rating window's end). */
  dueAt: z.string().nullable(),
  /** A ladder step (escalated) or a hand-issued 催办 / 督办 (urged). */
  step: z
    .object({
      kind: z.enum(["remind50", "remind75", "urge", "supervise", "notice"]),
      stage: z.string(),
      dueAt: z.string().nullable(),
      departmentId: z.string().nullable(),
    })
    .optional(),
  intoTrackingNo: z.string().optional(),
  /**
   * Template variables that are kept only until the message is sent: the receipt's query code, which
   * only the case's object can derive. The consumer stores them beside the row and erases them once
   * the row is settled; the log never shows them.
   */
  secretVars: z.record(z.string(), z.string()).optional(),
});
export type NotifyMessage = z.infer<typeof NotifyMessage>;
