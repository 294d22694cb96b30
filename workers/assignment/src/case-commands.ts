import type { CaseState } from "../../../shared/domain/case-model";
import { DomainError } from "../../../shared/domain/errors";
import type { ExecuteInput } from "../../intake/src/case-record.schema";
import { caseRecord } from "../../intake/src/case-record.stub";

/**
 * Runs one command on a case's durable object. Refusals come back as DomainErrors; with
 * `tolerateStale`, a refusal because the case has moved on (a person acted first) is not an error.
 */
export async function runCommand(
  env: { CASE_RECORD: DurableObjectNamespace },
  caseId: string,
  input: ExecuteInput,
  options: { tolerateStale?: boolean } = {},
): Promise<{ seq: number; status: CaseState["status"] } | null> {
  const result = await caseRecord(env, caseId).execute(input);
  if (result.ok) return result.value;
  if (options.tolerateStale && result.error.code === "invalid_transition") return null;
  throw new DomainError(result.error.status, result.error.code, result.error.message);
}
