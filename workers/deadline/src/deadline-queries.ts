import { and, asc, eq, gt, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { getDb } from "../../../shared/db/case-queries";
import { chunk } from "../../../shared/db/chunk";
import { digests } from "../../../shared/db/desk-schema";
import { cases, sweepRuns } from "../../../shared/db/schema";
import { OPEN_STATUSES } from "../../../shared/domain/case-model";

/** The deadline Worker's reads and writes: the sweep's due cases and its run record, the daily digest. */

type Db = ReturnType<typeof getDb>;

export const SWEEP_PAGE = 100;

export interface DueCursor {
  nextDueAt: string;
  caseId: string;
}

/**
 * One page of due cases, in (next_due_at, case_id) order so the composite index serves both the
 * range and the order: the cost follows the number of due cases, not of open ones. The benchmark
 * times this very query (via `toSQL()`).
 */
export function dueCasesQuery(d: Db, now: string, after: DueCursor | null) {
  const resume = after
    ? or(
        gt(cases.nextDueAt, after.nextDueAt),
        and(eq(cases.nextDueAt, after.nextDueAt), gt(cases.caseId, after.caseId)),
      )
    : undefined;
  return d
    .select({ caseId: cases.caseId, nextDueAt: cases.nextDueAt })
    .from(cases)
    .where(and(isNotNull(cases.nextDueAt), lte(cases.nextDueAt, now), resume))
    .orderBy(asc(cases.nextDueAt), asc(cases.caseId))
    .limit(SWEEP_PAGE);
}

/** Claims a sweep id: false if a doubled or overlapping cron already took this minute. */
export async function claimSweep(d: Db, sweepId: string, now: string): Promise<boolean> {
  const claimed = await d
    .insert(sweepRuns)
    .values({ sweepId, scheduledAt: now, dueCount: 0 })
    .onConflictDoNothing()
    .returning({ sweepId: sweepRuns.sweepId });
  return claimed.length > 0;
}

export async function recordSweepCount(d: Db, sweepId: string, due: number): Promise<void> {
  await d.update(sweepRuns).set({ dueCount: due }).where(eq(sweepRuns.sweepId, sweepId));
}

/** Per department, its open cases overdue at `now`, due by `endOfToday`, and due by `soon`. */
export function dueCounts(d: Db, now: string, endOfToday: string, soon: string) {
  return d
    .select({
      departmentId: cases.departmentId,
      // Three conditional counts in one pass: drizzle has no CASE expression.
      overdue: sql<number>`sum(case when ${cases.dueAt} <= ${now} then 1 else 0 end)`,
      dueToday: sql<number>`sum(case when ${cases.dueAt} > ${now} and ${cases.dueAt} <= ${endOfToday} then 1 else 0 end)`,
      dueSoon: sql<number>`sum(case when ${cases.dueAt} > ${endOfToday} and ${cases.dueAt} <= ${soon} then 1 else 0 end)`,
    })
    .from(cases)
    .where(and(inArray(cases.status, [...OPEN_STATUSES]), isNotNull(cases.dueAt), isNotNull(cases.departmentId)))
    .groupBy(cases.departmentId);
}

export type Digest = typeof digests.$inferInsert;

/** Writes a day's digests once: an existing (department, date) row is kept, so a repeated cron adds nothing. */
export async function saveDigests(d: Db, rows: readonly Digest[]): Promise<void> {
  // 6 columns: 10 rows stay within D1's 100 bound parameters; one batch is one round trip.
  const [first, ...rest] = chunk(rows, 10).map((part) => d.insert(digests).values(part).onConflictDoNothing());
  if (first) await d.batch([first, ...rest]);
}
