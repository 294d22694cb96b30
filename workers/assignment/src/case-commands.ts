import { type CaseRecordBinding, caseRecord } from "../../../shared/case-record/client";
import type { CommandOutcome, ExecuteInput } from "../../../shared/case-record/contract";
import { DomainError } from "../../../shared/domain/errors";

/**
 * Runs one command on a case's durable object. Refusals come back as DomainErrors; with
 * `tolerateStale`, a refusal because the case has moved on (a person acted first) is not an error.
 */
export async function runCommand(
  env: CaseRecordBinding,
  caseId: string,
  input: ExecuteInput,
  options: { tolerateStale?: boolean } = {},
): Promise<CommandOutcome | null> {
  try {
    return await caseRecord(env, caseId).execute(input);
  } catch (error) {
    if (options.tolerateStale && error instanceof DomainError && error.code === "invalid_transition") return null;
    throw error;
  }
}
