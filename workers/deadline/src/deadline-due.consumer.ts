import type { DeadlineDueMessage } from "../../../shared/messages";
import { caseRecord } from "../../intake/src/case-record.stub";

/**
 * A case's clock has passed: its durable object works out which ladder steps are due and applies
 * each once. A redelivered or late message, or two sweeps naming the same case, change nothing more.
 */
export async function applyDueSteps(env: DeadlineEnv, message: DeadlineDueMessage): Promise<void> {
  const result = await caseRecord(env, message.caseId).tick({});
  if (!result.ok && result.error.code !== "not_found") throw new Error(`tick failed: ${result.error.code}`);
}
