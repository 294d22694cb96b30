import { caseRecord } from "../../../shared/case-record/client";
import { recordDeadLetter } from "../../../shared/db/dead-letter-queries";
import { countRedrive, forgetRegistered, registeredBefore } from "../../../shared/db/registry-queries";
import { logEvent } from "../../../shared/log";

/** A projection normally lands within seconds; five minutes late means its object needs help. */
export const RECONCILE_GRACE_MS = 5 * 60_000;
/** An hour of five-minute sweeps: after that a person must look (the failed-work page). */
export const MAX_REDRIVES = 12;
const PAGE = 1000;

/**
 * Finds registered cases whose projection has not reached D1 five minutes after submission and
 * redrives their objects' outboxes; forgets the ones that arrived. A case still missing after
 * MAX_REDRIVES is recorded once as failed work (dead letter "projection"), whose replay redrives
 * it again. Safe to run twice: a redrive of a drained outbox does nothing.
 */
export async function reconcile(env: DeadlineEnv, scheduledTime: number): Promise<{ redriven: number }> {
  const now = new Date(scheduledTime);
  const rows = await registeredBefore(env.DB, new Date(scheduledTime - RECONCILE_GRACE_MS).toISOString(), PAGE);
  await forgetRegistered(
    env.DB,
    rows.filter((r) => r.projected).map((r) => r.caseId),
  );
  let redriven = 0;
  for (const row of rows.filter((r) => !r.projected)) {
    // One case whose object cannot answer (say, its file damaged on a self-hosted disk) must not
    // stop the others: its failure counts as a redrive and ends as failed work like any other.
    let status: { pending: number; lastError?: string | null };
    try {
      status = await caseRecord(env, row.caseId).redrive();
    } catch (error) {
      status = {
        pending: -1,
        lastError: `its object did not answer: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    await countRedrive(env.DB, row.caseId, now.toISOString());
    redriven++;
    logEvent("warn", "reconcile-redrive", { caseId: row.caseId, pending: status.pending });
    if (row.redrives + 1 >= MAX_REDRIVES) {
      const waiting = status.pending < 0 ? "" : `${status.pending} outbox entries waiting`;
      const detail = [waiting, status.lastError ? `last error: ${status.lastError}` : ""].filter(Boolean).join("; ");
      const error = `not in D1 after ${row.redrives + 1} redrives (${detail})`;
      const letter = {
        id: `projection:${row.caseId}`,
        queue: "projection",
        body: { caseId: row.caseId },
        error,
        attempts: row.redrives + 1,
      };
      if (await recordDeadLetter(env.DB, letter, now))
        logEvent("error", "dead-letter", { alert: true, queue: letter.queue, id: letter.id, error: "not projected" });
    }
  }
  return { redriven };
}
