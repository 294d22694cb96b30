import { getDb } from "../../../shared/db/case-queries";
import type { DeadlineDueMessage } from "../../../shared/messages";
import { claimSweep, type DueCursor, dueCasesQuery, recordSweepCount, SWEEP_PAGE } from "./deadline-queries";

/**
 * Finds the cases whose next clock has passed, through the `next_due_at` index, page by page,
 * and fans out one `deadline-due` message per case. The sweep id is the scheduled minute, so a
 * doubled cron run records one sweep. The ladder itself (issue 4) runs in each case's object.
 */
export async function sweep(env: DeadlineEnv, scheduledTime: number): Promise<number> {
  const sweepId = new Date(scheduledTime).toISOString().slice(0, 16);
  const now = new Date(scheduledTime).toISOString();
  const db = getDb(env.DB);
  // Claim this minute first: a doubled or overlapping cron for the same minute sends nothing more.
  if (!(await claimSweep(db, sweepId, now))) return 0;
  let due = 0;
  let after: DueCursor | null = null;
  for (;;) {
    const page = await dueCasesQuery(db, now, after);
    if (page.length === 0) break;
    const messages = page.map((r): { body: DeadlineDueMessage } => ({
      body: { v: 1, kind: "deadline.due", caseId: r.caseId, dueAt: r.nextDueAt ?? now, sweepId },
    }));
    await env.DEADLINE_DUE.sendBatch(messages);
    due += page.length;
    const last = page[page.length - 1];
    after = last?.nextDueAt ? { nextDueAt: last.nextDueAt, caseId: last.caseId } : null;
    if (page.length < SWEEP_PAGE || !after) break;
  }
  await recordSweepCount(db, sweepId, due);
  return due;
}
