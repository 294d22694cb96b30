import { applyIncrement } from "../../../shared/db/rollup-queries";
import type { CaseEventMessage } from "../../../shared/messages";

/** Counts each case event into the rollups once (keyed by event id); events that count nothing are acked. */
export async function recordCaseEvent(env: EvaluationEnv, message: CaseEventMessage): Promise<void> {
  if (message.rollup) await applyIncrement(env.DB, message.eventId, message.caseId, message.rollup);
}
