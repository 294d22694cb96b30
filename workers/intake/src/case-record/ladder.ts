import {
  type ClockContext,
  clocksOf,
  dueSteps,
  limitsFor,
  type ProjectedClocks,
} from "../../../../shared/clocks/case-clocks";
import type { CaseClocks } from "../../../../shared/clocks/clock-types";
import type { CaseState } from "../../../../shared/domain/case-model";
import { decide, type PendingEvent } from "../../../../shared/domain/decide";
import type { StoredEvent } from "../../../../shared/domain/events";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { type CommitInput, commit, SYSTEM_ACTOR } from "./commit";
import type { CaseStorage } from "./storage";

/** Where a case stands between appends inside one transaction. */
export interface Running {
  state: CaseState;
  log: StoredEvent[];
  clocks: CaseClocks;
  projected: ProjectedClocks | null;
}

export interface LadderInput {
  store: CaseStorage;
  petitioner: Petitioner;
  clockCtx: ClockContext;
  nowMs: number;
  /**
   * When each step is dated: "now" (the live tick: when the platform noticed) or "due" (history
   * brought in: when the step fell due, which is what happened had the platform been running).
   * Either way an event is never dated before the one it follows.
   */
  dating: "now" | "due";
}

/**
 * Appends every escalation step (联动督查) due by `nowMs` and not yet applied, then the closing when
 * the rating window has ended. Synchronous: the caller runs it inside `transactionSync`.
 */
export function applyLadder(start: Running, input: LadderInput): Running & { applied: string[] } {
  const { clockCtx, nowMs, dating } = input;
  let current = start;
  const applied: string[] = [];
  const append = (pending: PendingEvent, dueMs: number) => {
    const at = new Date(Math.max(dating === "due" ? dueMs : nowMs, Date.parse(current.log.at(-1)?.at ?? "0")));
    current = commitOnto(current, input, { ...pending, actor: SYSTEM_ACTOR, at: at.toISOString() });
    applied.push(pending.type === "case.escalated" ? pending.payload.key : pending.type);
  };
  for (const step of dueSteps(current.clocks, current.log, nowMs)) {
    const payload = {
      key: step.key,
      kind: step.kind,
      stage: step.stage,
      round: step.round,
      departmentId: step.departmentId,
      dueAt: new Date(step.dueAt).toISOString(),
      fellDueAt: new Date(step.at).toISOString(),
      accountability: step.accountability,
    };
    append({ type: "case.escalated", payload }, step.at);
  }
  const windowEnd = current.clocks.ratingWindowEndsAt;
  if (current.state.status === "replied" && windowEnd !== null && windowEnd <= nowMs) {
    const at = new Date(Math.max(dating === "due" ? windowEnd : nowMs, Date.parse(current.log.at(-1)?.at ?? "0")));
    const limits = limitsFor(current.state, current.clocks, clockCtx);
    append(decide(current.state, { name: "close" }, SYSTEM_ACTOR, at.toISOString(), limits), windowEnd);
  }
  return { ...current, applied };
}

/** `event` committed onto a running case (commit.ts), the clocks carried on when it computes none. */
export function commitOnto(
  current: Running,
  input: Pick<LadderInput, "store" | "petitioner" | "clockCtx" | "nowMs">,
  event: CommitInput["event"],
): Running {
  const { store, petitioner, clockCtx, nowMs } = input;
  const { state, log } = current;
  const committed = commit(store, { caseId: state.caseId, log, state, petitioner, clockCtx, nowMs, event });
  return { ...committed, clocks: committed.clocks ?? current.clocks };
}

/** The running position of a case as its log stands, as of `nowMs`. */
export function runningOf(state: CaseState, log: StoredEvent[], clockCtx: ClockContext, nowMs: number): Running {
  return { state, log, clocks: clocksOf(log, clockCtx, nowMs), projected: null };
}
