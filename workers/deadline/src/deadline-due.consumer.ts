import { caseRecord } from "../../../shared/case-record/client";
import { DomainError } from "../../../shared/domain/errors";
import type { DeadlineDueMessage } from "../../../shared/messages";

/**
 * A case's clock has passed: its durable object works out which ladder steps are due and applies
 * each once. A redelivered or late message, or two sweeps naming the same case, change nothing more.
 */
export async function applyDueSteps(env: DeadlineEnv, message: DeadlineDueMessage): Promise<void> {
  try {
    await caseRecord(env, message.caseId).tick();
  } catch (error) {
    // A case that does not exist (a stale index row) has nothing to escalate; anything else is retried.
    if (error instanceof DomainError && error.code === "not_found") return;
    throw error;
  }
}
