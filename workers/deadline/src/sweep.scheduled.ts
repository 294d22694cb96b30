import { and, asc, eq, gt, isNotNull, lte, or } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { cases, sweepRuns } from "../../../shared/db/schema";
import type { DeadlineDueMessage } from "../../../shared/messages";

export const SWEEP_PAGE = 100;

/**
 * One page of due cases, in (next_due_at, case_id) order so the composite index serves both the
 * range and the order: the cost follows the number of due cases, not of open ones. The benchmark
 * times this very query (via `toSQL()`).
 */
export function dueCasesQuery(
  db: ReturnType<typeof getDb>,
  now: string,
  after: { nextDueAt: string; caseId: string } | null,
) {
  const resume = after
    ? or(
        gt(cases.nextDueAt, after.nextDueAt),
        and(eq(cases.nextDueAt, after.nextDueAt), gt(cases.caseId, after.caseId)),
      )
    : undefined;
  return db
    .select({ caseId: cases.caseId, nextDueAt: cases.nextDueAt })
    .from(cases)
    .where(and(isNotNull(cases.nextDueAt), lte(cases.nextDueAt, now), resume))
    .orderBy(asc(cases.nextDueAt), asc(cases.caseId))
    .limit(SWEEP_PAGE);
}

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
  const claimed = await db
    .insert(sweepRuns)
    .values({ sweepId, scheduledAt: now, dueCount: 0 })
    .onConflictDoNothing()
    .returning({ sweepId: sweepRuns.sweepId });
  if (claimed.length === 0) return 0;
  let due = 0;
  let after: { nextDueAt: string; caseId: string } | null = null;
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
  await db.update(sweepRuns).set({ dueCount: due }).where(eq(sweepRuns.sweepId, sweepId));
  return due;
}
