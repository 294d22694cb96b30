import {
  type ClockContext,
  clocksOf,
  type ProjectedClocks,
  projectClocks,
} from "../../../../shared/clocks/case-clocks";
import type { CaseClocks } from "../../../../shared/clocks/clock-types";
import type { Actor, CaseState } from "../../../../shared/domain/case-model";
import type { PendingEvent } from "../../../../shared/domain/decide";
import type { StoredEvent } from "../../../../shared/domain/events";
import { evolve, initialState } from "../../../../shared/domain/evolve";
import { chainEvent } from "../../../../shared/domain/hash-chain";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { outboxEntriesFor } from "./outbox-entries";
import type { CaseStorage } from "./storage";

/** The platform itself: the ladder's steps and the closing at the end of the rating window. */
export const SYSTEM_ACTOR: Actor = { role: "system", userId: "deadline" };

export interface CommitInput {
  caseId: string;
  /** The log so far (empty for the first event) and the state folded from it (null before submission). */
  log: readonly StoredEvent[];
  state: CaseState | null;
  petitioner: Petitioner;
  /** Null only for submission: its clocks start at acceptance, so nothing is projected yet. */
  clockCtx: ClockContext | null;
  nowMs: number;
  event: PendingEvent & { actor: Actor; at: string };
  /** Template variables for the notification that must not be stored with the event (the receipt's query code). */
  secretVars?: Record<string, string>;
}

export interface Committed {
  event: StoredEvent;
  state: CaseState;
  log: StoredEvent[];
  /** The clocks after this event as of `nowMs`, computed once and handed on to whoever needs them next. */
  clocks: CaseClocks | null;
  projected: ProjectedClocks | null;
}

/** The state after `event`: the first event of a log must be its submission. */
function fold(state: CaseState | null, event: StoredEvent): CaseState {
  if (state) return evolve(state, event);
  if (event.type === "case.submitted") return initialState(event);
  throw new Error(`Case ${event.caseId} event seq ${event.seq} (${event.type}) comes before its submission`);
}

/**
 * The one path every event takes: chained to the head, folded into the state, its clocks computed,
 * then appended with everything that must leave because of it (read model, queues, notifications,
 * webhooks) in the outbox. Synchronous: the caller runs it inside `transactionSync`.
 */
export function commit(store: CaseStorage, input: CommitInput): Committed {
  const head = input.log.at(-1);
  const event = chainEvent(head ? { seq: head.seq, hash: head.hash } : null, { caseId: input.caseId, ...input.event });
  const state = fold(input.state, event);
  const log = [...input.log, event];
  const clocks = input.clockCtx ? clocksOf(log, input.clockCtx, input.nowMs) : null;
  const projected = clocks ? projectClocks(clocks, log, input.nowMs) : null;
  store.append(
    event,
    state,
    outboxEntriesFor(event, state, input.petitioner, projected, store.projectedRow(), input.secretVars),
  );
  return { event, state, log, clocks, projected };
}
