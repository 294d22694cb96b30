import * as z from "zod";
import { ROLES } from "../../../shared/domain/case-model";
import { CaseCommand } from "../../../shared/domain/commands";
import type { DomainErrorData } from "../../../shared/domain/errors";
import { CaseSubmission } from "../../../shared/domain/submission.schema";

/** RPC arguments of CaseRecord, parsed on arrival like any other trust boundary. */

const Instant = z.iso.datetime({ offset: true });

export const SubmitInput = z.strictObject({
  caseId: z.string().min(10).max(64),
  channel: z.enum(["web", "form", "api", "partner", "seed"]),
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
  now: Instant.optional(),
});
export type ExecuteInput = z.input<typeof ExecuteInput>;

export const TickInput = z.strictObject({ now: Instant.optional() });
export type TickInput = z.input<typeof TickInput>;

export type RpcResult<T> = { ok: true; value: T; replayed: boolean } | { ok: false; error: DomainErrorData };
