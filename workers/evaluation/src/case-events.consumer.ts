import { getDb } from "../../../shared/db/case-queries";
import { evaluationInbox } from "../../../shared/db/schema";
import type { CaseEventMessage } from "../../../shared/messages";

/** Records each case event once (keyed by event id): the input the rollups and rankings will read. */
export async function recordCaseEvent(env: EvaluationEnv, message: CaseEventMessage): Promise<void> {
  await getDb(env.DB)
    .insert(evaluationInbox)
    .values({ eventId: message.eventId, caseId: message.caseId, type: message.type, departmentId: message.departmentId, at: message.at })
    .onConflictDoNothing();
}
