import { getDb } from "../../../shared/db/case-queries";
import { intakeReceipts } from "../../../shared/db/schema";
import type { CaseIntakeMessage } from "../../../shared/messages";

/**
 * Takes a new case off `case-intake`. For now it records receipt, keyed by event id so a redelivery
 * changes nothing; screening and routing (the dispatch issue) start from here.
 */
export async function receiveCase(env: AssignmentEnv, message: CaseIntakeMessage, now: Date): Promise<void> {
  await getDb(env.DB)
    .insert(intakeReceipts)
    .values({ eventId: message.eventId, caseId: message.caseId, receivedAt: now.toISOString() })
    .onConflictDoNothing();
}
