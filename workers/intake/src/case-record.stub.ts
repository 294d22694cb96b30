import type { CaseRecord } from "./case-record.do";

/** The stub of a case's durable object; every Worker that binds CASE_RECORD addresses it this way. */
export function caseRecord(
  env: { CASE_RECORD: DurableObjectNamespace },
  caseId: string,
): DurableObjectStub<CaseRecord> {
  return (env.CASE_RECORD as DurableObjectNamespace<CaseRecord>).getByName(caseId);
}
