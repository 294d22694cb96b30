import * as z from "zod";
import { LADDER_KINDS, STAGES } from "../clocks/time-limit-rules";
import { ReplyQuality } from "../scoring/replies/quality";
import { type Actor, CHANNELS, MESSAGE_TYPES, OUTCOMES, RATINGS, RESOLUTIONS } from "./case-model";

/**
 * Every event a case's log holds, as one union on `type`. Each payload is typed exactly as the
 * durable object writes it today; older stored shapes are brought up to these by event-upcast.ts.
 * No defaults here: a schema that filled fields in would read an event as something never hashed.
 */

/** The payload of `case.submitted`: the case as the citizen sent it, minus personal data. */
const SubmittedPayload = z.strictObject({
  trackingNo: z.string(),
  queryCodeHash: z.string(),
  petitionerHash: z.string(),
  type: z.enum(MESSAGE_TYPES),
  title: z.string(),
  body: z.string(),
  category: z.string().nullable(),
  regionCode: z.string(),
  address: z.string().nullable(),
  addressee: z.string().nullable(),
  channel: z.enum(CHANNELS),
  isPublic: z.boolean(),
  partnerId: z.string().nullable(),
  /** The calendar version the case's deadlines are computed with, for as long as it lives. */
  calendarVersion: z.int().nullable(),
  /** Only on a message brought in from a city's earlier board: which board, and its own number there. */
  origin: z.strictObject({ source: z.string(), messageId: z.string() }).optional(),
});

const ReplyDraft = z.strictObject({
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  outcomeNote: z.string().optional(),
  draftedAt: z.string(),
});

const event = <T extends string, P extends z.ZodType>(type: T, payload: P) =>
  z.strictObject({ type: z.literal(type), payload });
const withReason = z.strictObject({ reason: z.string() });

export const CaseEvent = z.discriminatedUnion("type", [
  event("case.submitted", SubmittedPayload),
  event("case.accepted", z.strictObject({ category: z.string().optional() })),
  event("case.rejected", withReason),
  event("case.held", withReason),
  event(
    "case.assigned",
    z.strictObject({
      departmentId: z.string(),
      coDepartmentIds: z.array(z.string()),
      note: z.string().optional(),
      category: z.string().optional(),
    }),
  ),
  event("case.return_rejected", z.strictObject({ note: z.string() })),
  /** dueAt: the 签收 deadline it was judged against, so evaluation can tell on time from late. */
  event("case.acknowledged", z.strictObject({ dueAt: z.string().nullable() })),
  event("case.returned", withReason),
  event(
    "case.extension_requested",
    z.strictObject({
      reason: z.string(),
      workingDays: z.int(),
      departmentId: z.string().nullable(),
      requestedAt: z.string(),
    }),
  ),
  /** workingDays: the request's, copied in so the clocks need not look back for it. */
  event(
    "case.extension_decided",
    z.strictObject({ approved: z.boolean(), note: z.string().optional(), workingDays: z.int() }),
  ),
  event(
    "case.reply_drafted",
    z.strictObject({ text: z.string(), outcome: z.enum(OUTCOMES), outcomeNote: z.string().optional() }),
  ),
  /**
   * quality: the reply check (shared/scoring/replies) of the published draft against the message.
   * Optional, not upcast: events from before the check have none, and nothing can fill it in from
   * the payload alone (the rollups score those from the case's state instead).
   */
  event(
    "case.reply_published",
    z.strictObject({
      spokesperson: z.strictObject({ name: z.string(), title: z.string() }),
      draftedAt: z.string(),
      draft: ReplyDraft,
      dueAt: z.string().nullable(),
      quality: ReplyQuality.optional(),
    }),
  ),
  /** resolution is null only in ratings from before the citizen was asked "was it solved?". */
  event(
    "case.rated",
    z.strictObject({
      resolution: z.enum(RESOLUTIONS).nullable(),
      rating: z.enum(RATINGS),
      comment: z.string().optional(),
    }),
  ),
  event("case.reopened", withReason),
  event(
    "case.closed",
    z.strictObject({ outcome: z.enum(OUTCOMES).nullable(), rating: z.enum([...RATINGS, "unrated"]) }),
  ),
  event("case.merged", z.strictObject({ intoTrackingNo: z.string() })),
  /** 附议: one more citizen has the same problem. Only the new total: a supporter's phone never enters the log. */
  event("case.supported", z.strictObject({ supporters: z.int().positive() })),
  /** A duplicate merged into this case: its petitioner and supporters joined this one's (each phone once). */
  event(
    "case.merge_absorbed",
    z.strictObject({ fromTrackingNo: z.string(), added: z.int().nonnegative(), supporters: z.int().nonnegative() }),
  ),
  // 催办 / 督办 issued by hand by the supervision office.
  event("case.urged", z.strictObject({ level: z.enum(["urge", "supervise"]), note: z.string() })),
  /** A step of the escalation ladder (联动督查), applied once under its key `stage:kind:round`. */
  event(
    "case.escalated",
    z.strictObject({
      key: z.string(),
      kind: z.enum(LADDER_KINDS),
      stage: z.enum(STAGES),
      round: z.int(),
      /** Who held the case when the step fell due (null: the dispatch desk); blame goes here. */
      departmentId: z.string().nullable(),
      dueAt: z.string(),
      fellDueAt: z.string(),
      accountability: z.boolean(),
    }),
  ),
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CaseEventType = CaseEvent["type"];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES: readonly CaseEventType[] = CaseEvent.options.map((o) => o.shape.type.value);

/** What the chain adds around an event: its place in the log, who, when, and the links. */
export interface EventEnvelope {
  seq: number;
  id: string;
  caseId: string;
  actor: Actor;
  at: string;
  prevHash: string;
  hash: string;
}

/** An event as the domain reads it: the envelope and one typed member of the union. */
export type StoredEvent = EventEnvelope & CaseEvent;

/**
 * An event exactly as stored, before reading: what the hash covers, so the chain is verified on
 * this and never on a parsed (possibly upcast) copy.
 */
export interface RawStoredEvent {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actor: unknown;
  at: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}
