import type * as z from "zod";
import { ImportCaseInput, type ImportOutcome, type RpcResult } from "../../../../shared/case-record/contract";
import { type ClockContext, clocksOf, limitsFor } from "../../../../shared/clocks/case-clocks";
import type { TimeLimitRule } from "../../../../shared/clocks/time-limit-rules";
import { decide } from "../../../../shared/domain/decide";
import { canonicalJson, sha256Hex } from "../../../../shared/domain/hash-chain";
import { queryCodeFor } from "../../../../shared/domain/ids";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { importChannel, importSteps } from "../../../../shared/import/import-steps";
import type { CommitInput } from "./commit";
import { applyLadder, commitOnto, runningOf } from "./ladder";
import { invalidArguments } from "./rpc-results";
import type { CaseStorage } from "./storage";
import { commitSubmission } from "./submission";
import { commitWholeCase } from "./whole-case";

/** An imported message has no petitioner to reach: the board's user names and phones are not brought over. */
const NOBODY: Petitioner = { name: null, phone: "", email: null, notifyBy: [] };
const KEY = "import";

export interface ImportDeps {
  storage: DurableObjectStorage;
  store: CaseStorage;
  secret: string;
  /** Read before the synchronous section (D1), like every command's outside I/O. */
  load: (
    calendarVersion: number | null,
  ) => Promise<{ calendarVersion: number | null; rules: TimeLimitRule[]; clockCtx: ClockContext }>;
}

/**
 * The object's `importCase`: the whole history of one message in one transaction, every event
 * decided by `decide()` and chained by `commit()` like a live one, so an interrupted import leaves
 * nothing and a repeated one replays the first outcome.
 */
export async function importCase(deps: ImportDeps, raw: unknown): Promise<RpcResult<ImportOutcome>> {
  const parsed = ImportCaseInput.safeParse(raw);
  if (!parsed.success) return invalidArguments(parsed.error);
  const input = parsed.data;
  const requestHash = sha256Hex(
    canonicalJson({
      source: input.source,
      item: input.item,
      departmentId: input.departmentId,
      spokesperson: input.spokesperson,
    }),
  );
  return commitWholeCase(
    deps,
    KEY,
    requestHash,
    () => deps.load(input.calendarVersion),
    (loaded) => importHistory(deps, input, loaded),
  );
}

function importHistory(
  deps: ImportDeps,
  input: z.output<typeof ImportCaseInput>,
  loaded: { calendarVersion: number | null; rules: TimeLimitRule[]; clockCtx: ClockContext },
): ImportOutcome {
  const { store, secret } = deps;
  const { item, caseId } = input;
  const { clockCtx } = loaded;
  const submittedMs = Date.parse(item.submittedAt);
  const first = commitSubmission(store, {
    caseId,
    channel: importChannel(item),
    partnerId: null,
    calendarVersion: loaded.calendarVersion,
    content: item,
    petitioner: NOBODY,
    rules: loaded.rules,
    secret,
    queryCode: queryCodeFor(secret, caseId),
    nowMs: submittedMs,
    origin: { source: input.source, messageId: item.messageId },
  });
  let current = runningOf(first.state, first.log, clockCtx, submittedMs);
  const append = (event: CommitInput["event"], nowMs: number) => {
    current = commitOnto(current, { store, petitioner: NOBODY, clockCtx, nowMs }, event);
  };
  const ladder = (nowMs: number) => {
    current = applyLadder(current, { store, petitioner: NOBODY, clockCtx, nowMs, dating: "due" });
  };
  for (const step of importSteps(item, input.departmentId, input.spokesperson)) {
    ladder(Date.parse(step.at));
    // Never before the event it follows (a ladder step may have been dated at its due time).
    const at = new Date(Math.max(Date.parse(step.at), Date.parse(current.log.at(-1)?.at ?? "0")));
    const nowMs = at.getTime();
    if (step.kind === "supported") {
      append(
        {
          type: "case.supported",
          payload: { supporters: step.supporters },
          actor: { role: "system" },
          at: at.toISOString(),
        },
        nowMs,
      );
      continue;
    }
    const limits = limitsFor(current.state, clocksOf(current.log, clockCtx, nowMs), clockCtx);
    const decided = decide(current.state, step.command, step.actor, at.toISOString(), limits);
    append({ ...decided, actor: step.actor, at: at.toISOString() }, nowMs);
  }
  ladder(input.asOf ? Date.parse(input.asOf) : Date.now());
  return { trackingNo: current.state.trackingNo, status: current.state.status };
}
