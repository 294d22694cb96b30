import { and, asc, gt, isNotNull, lte } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { cases, sweepRuns } from "../../../shared/db/schema";
import type { DeadlineDueMessage } from "../../../shared/messages";

const PAGE = 100;

/**
 * Finds the cases whose next clock has passed, through the `next_due_at` index, page by page,
 * and fans out one `deadline-due` message per case. The sweep id is the scheduled minute, so a
 * doubled cron run records one sweep. The ladder itself (issue 4) runs in each case's object.
 */
export async function sweep(env: DeadlineEnv, scheduledTime: number): Promise<number> {
  const sweepId = new Date(scheduledTime).toISOString().slice(0, 16);
  const now = new Date(scheduledTime).toISOString();
  const db = getDb(env.DB);
  let due = 0;
  let after = "";
  for (;;) {
    const page = await db
      .select({ caseId: cases.caseId, nextDueAt: cases.nextDueAt })
      .from(cases)
      .where(and(isNotNull(cases.nextDueAt), lte(cases.nextDueAt, now), gt(cases.caseId, after)))
      .orderBy(asc(cases.caseId))
      .limit(PAGE);
    if (page.length === 0) break;
    const messages = page.map((r): { body: DeadlineDueMessage } => ({ body: { v: 1, kind: "deadline.due", caseId: r.caseId, dueAt: r.nextDueAt ?? now, sweepId } }));
    await env.DEADLINE_DUE.sendBatch(messages);
    due += page.length;
    after = page[page.length - 1]?.caseId ?? after;
    if (page.length < PAGE) break;
  }
  await db.insert(sweepRuns).values({ sweepId, scheduledAt: now, dueCount: due }).onConflictDoNothing();
  return due;
}
