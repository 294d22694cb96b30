import * as z from "zod";
import type { StaffClocks } from "../clocks/case-clocks";
import { type CaseState, type CaseStatus, MESSAGE_TYPES, ROLES } from "../domain/case-model";
import { CaseCommand } from "../domain/commands";
import type { DomainErrorData } from "../domain/errors";
import type { StoredEvent } from "../domain/events";
import type { ChainVerdict } from "../domain/hash-chain";
import { CaseSubmission, MobilePhone, type Petitioner, type Receipt } from "../domain/submission.schema";
import { ImportItem, ImportSource } from "../import/import-item.schema";

/**
 * The case object's call contract (CaseRecord, one durable object per case, hosted by intake).
 * Arguments are parsed on arrival like any other trust boundary; results cross as data. Other
 * Workers reach the object only through `caseRecord()` in ./client.ts, never through its class.
 */

const Instant = z.iso.datetime({ offset: true });

export const SubmitInput = z.strictObject({
  caseId: z.string().min(10).max(64),
  channel: z.enum(["web", "form", "api", "partner", "open311", "seed"]),
  /** The partner's API key id, for partner submissions: their webhooks hear about this case. */
  partnerId: z.string().max(64).nullable().default(null),
  calendarVersion: z.int().positive().nullable().default(null),
  idempotencyKey: z.string().min(1).max(200),
  submission: CaseSubmission,
  /** Only the seed passes a time (to backdate demo cases); live callers let the object read the clock. */
  now: Instant.optional(),
});
export type SubmitInput = z.input<typeof SubmitInput>;

export const Actor = z.strictObject({
  role: z.enum(ROLES),
  userId: z.string().max(64).optional(),
  departmentId: z.string().max(64).optional(),
});

export const ExecuteInput = z.strictObject({
  idempotencyKey: z.string().min(8).max(200),
  actor: Actor,
  command: CaseCommand,
  /**
   * Commands applied right after `command`, each on the state the one before left, in the same
   * transaction: all are committed or, when any is refused, none (routing's accept-then-assign).
   */
  followUps: z.array(CaseCommand).max(3).default([]),
  now: Instant.optional(),
});
export type ExecuteInput = z.input<typeof ExecuteInput>;

/** 附议: one more citizen with the same problem. The phone is only digested, never stored. */
export const SupportInput = z.strictObject({
  idempotencyKey: z.string().min(8).max(200),
  phone: MobilePhone,
  now: Instant.optional(),
});
export type SupportInput = z.input<typeof SupportInput>;

export interface SupportOutcome {
  supporters: number;
}

/** A merged duplicate's petitioner and supporters, as phone digests, joining the case it was merged into. */
export const AbsorbInput = z.strictObject({
  idempotencyKey: z.string().min(8).max(200),
  fromTrackingNo: z.string().min(8).max(24),
  digests: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(100_000),
  now: Instant.optional(),
});
export type AbsorbInput = z.input<typeof AbsorbInput>;

/**
 * A message of an earlier board, brought in whole in one call: submitted, accepted, assigned and
 * acknowledged at its original time, the ladder steps that fell due before its reply, the reply
 * under the department's spokesperson, and closing once the rating window has passed `asOf`.
 */
export const ImportCaseInput = z.strictObject({
  caseId: z.string().min(10).max(64),
  source: ImportSource,
  item: ImportItem,
  /** Resolved by the import route: the item's department, or the routing catalogue's choice. */
  departmentId: z.string().min(1).max(64),
  /** Who publishes the reply; null only for a message never answered. */
  spokesperson: z.strictObject({ name: z.string().min(1).max(40), title: z.string().min(1).max(80) }).nullable(),
  calendarVersion: z.int().positive().nullable().default(null),
  /** The present, for the ladder and the closing (tests pass one; the import reads the clock). */
  asOf: Instant.optional(),
});
export type ImportCaseInput = z.input<typeof ImportCaseInput>;

export interface ImportOutcome {
  trackingNo: string;
  status: CaseStatus;
}

/**
 * An approved 在线访谈 question left unanswered when the session ended: submitted, accepted and
 * assigned to the guest's department in one transaction (the moderator already screened it), so
 * its clocks run from the end of the session like any assigned case's.
 */
export const InterviewCaseInput = z.strictObject({
  caseId: z.string().min(10).max(64),
  interviewId: z.string().min(1).max(64),
  questionId: z.string().min(1).max(64),
  departmentId: z.string().min(1).max(64),
  note: z.string().max(500),
  content: z.strictObject({
    type: z.enum(MESSAGE_TYPES),
    title: z.string().trim().min(5).max(100),
    body: z.string().trim().min(10).max(4000),
    regionCode: z.string().regex(/^\d{6}$/),
    isPublic: z.boolean(),
  }),
  /** The asker's name and phone, if they left them: the phone hears the tracking number (the receipt). */
  asker: z.strictObject({ name: z.string().max(40).nullable(), phone: MobilePhone.nullable() }),
  now: Instant.optional(),
});
export type InterviewCaseInput = z.input<typeof InterviewCaseInput>;

export const TickInput = z.strictObject({ now: Instant.optional() });
export type TickInput = z.input<typeof TickInput>;

/** A command's answer as data: a refusal is a DomainError's data, rebuilt by the client. */
export type RpcResult<T> = { ok: true; value: T; replayed: boolean } | { ok: false; error: DomainErrorData };

export interface CommandOutcome {
  seq: number;
  status: CaseStatus;
}

export interface TickOutcome {
  /** The ladder keys (stage:kind:round) applied by this tick, and `case.closed` when it closed the case. */
  applied: string[];
  nextDueAt: string | null;
}

/** The authoritative case for the staff console: state, the petitioner's contact data, the log, the clocks now. */
export interface StaffView {
  state: CaseState;
  petitioner: Petitioner;
  events: StoredEvent[];
  clocks: StaffClocks;
}

/** The object's RPC methods. The class implements this; the client is typed by it. */
export interface CaseRecordRpc extends Rpc.DurableObjectBranded {
  submit(input: SubmitInput): Promise<RpcResult<Receipt>>;
  execute(input: ExecuteInput): Promise<RpcResult<CommandOutcome>>;
  tick(input?: TickInput): Promise<RpcResult<TickOutcome>>;
  support(input: SupportInput): Promise<RpcResult<SupportOutcome>>;
  absorb(input: AbsorbInput): Promise<RpcResult<SupportOutcome>>;
  importCase(input: ImportCaseInput): Promise<RpcResult<ImportOutcome>>;
  fromInterview(input: InterviewCaseInput): Promise<RpcResult<ImportOutcome>>;
  read(): Promise<CaseState | null>;
  staffView(): Promise<StaffView | null>;
  events(): Promise<StoredEvent[]>;
  verify(): Promise<ChainVerdict>;
  /** Delivers the outbox now, whatever its backoff says: the answer to an alarm chain that died. */
  redrive(): Promise<OutboxStatus>;
}

/** What is still waiting in a case's outbox after a redrive. */
export interface OutboxStatus {
  pending: number;
  /** The last delivery error of a waiting entry (a failure kind, never a payload). */
  lastError: string | null;
}
