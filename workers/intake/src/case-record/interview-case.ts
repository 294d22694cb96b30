import type * as z from "zod";
import { type ImportOutcome, InterviewCaseInput, type RpcResult } from "../../../../shared/case-record/contract";
import { type ClockContext, clocksOf, limitsFor } from "../../../../shared/clocks/case-clocks";
import type { TimeLimitRule } from "../../../../shared/clocks/time-limit-rules";
import type { Actor, Channel } from "../../../../shared/domain/case-model";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { decide } from "../../../../shared/domain/decide";
import { canonicalJson, sha256Hex } from "../../../../shared/domain/hash-chain";
import { queryCodeFor } from "../../../../shared/domain/ids";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { commitOnto, runningOf } from "./ladder";
import { invalidArguments } from "./rpc-results";
import type { CaseStorage } from "./storage";
import { commitSubmission } from "./submission";
import { commitWholeCase } from "./whole-case";

const KEY = "interview";
const CHANNEL: Channel = "interview";
/** The platform itself accepts and assigns: the session's moderator screened the question already. */
const INTERVIEWS: Actor = { role: "system", userId: "interviews" };

export interface InterviewCaseDeps {
  storage: DurableObjectStorage;
  store: CaseStorage;
  secret: string;
  /** Read before the synchronous section (D1), like every command's outside I/O. */
  load: () => Promise<{ calendarVersion: number | null; rules: TimeLimitRule[]; clockCtx: ClockContext }>;
}

/**
 * The object's `fromInterview`: submitted (with the asker's phone, so the receipt SMS carries the
 * tracking number), accepted and assigned in one transaction, each event decided and chained like a
 * live one. Asking again with the same question replays the first outcome; nothing is half done.
 */
export async function interviewCase(deps: InterviewCaseDeps, raw: unknown): Promise<RpcResult<ImportOutcome>> {
  const parsed = InterviewCaseInput.safeParse(raw);
  if (!parsed.success) return invalidArguments(parsed.error);
  const input = parsed.data;
  const { now: _now, ...request } = input;
  const requestHash = sha256Hex(canonicalJson(request));
  return commitWholeCase(deps, KEY, requestHash, deps.load, (loaded) => submitAndAssign(deps, input, loaded));
}

function submitAndAssign(
  deps: InterviewCaseDeps,
  input: z.output<typeof InterviewCaseInput>,
  loaded: { calendarVersion: number | null; rules: TimeLimitRule[]; clockCtx: ClockContext },
): ImportOutcome {
  const { store, secret } = deps;
  const nowMs = input.now ? Date.parse(input.now) : Date.now();
  const at = new Date(nowMs).toISOString();
  const { phone, name } = input.asker;
  // No phone: nobody to tell (as for an imported message); with one, the receipt goes by SMS.
  const petitioner: Petitioner = { name, phone: phone ?? "", email: null, notifyBy: phone ? ["sms"] : [] };
  const first = commitSubmission(store, {
    caseId: input.caseId,
    channel: CHANNEL,
    partnerId: null,
    calendarVersion: loaded.calendarVersion,
    content: input.content,
    petitioner,
    rules: loaded.rules,
    secret,
    queryCode: queryCodeFor(secret, input.caseId),
    nowMs,
  });
  let current = runningOf(first.state, first.log, loaded.clockCtx, nowMs);
  const commands: CaseCommand[] = [
    { name: "accept" },
    { name: "assign", departmentId: input.departmentId, coDepartmentIds: [], note: input.note },
  ];
  for (const command of commands) {
    const limits = limitsFor(current.state, clocksOf(current.log, loaded.clockCtx, nowMs), loaded.clockCtx);
    const decided = decide(current.state, command, INTERVIEWS, at, limits);
    current = commitOnto(
      current,
      { store, petitioner, clockCtx: loaded.clockCtx, nowMs },
      { ...decided, actor: INTERVIEWS, at },
    );
  }
  return { trackingNo: current.state.trackingNo, status: current.state.status };
}
