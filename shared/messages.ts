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
