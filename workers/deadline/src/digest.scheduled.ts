import { and, inArray, isNotNull, sql } from "drizzle-orm";
import { endOfShanghaiDay, shanghaiDate } from "../../../shared/clocks/period";
import { getDb } from "../../../shared/db/case-queries";
import { digests } from "../../../shared/db/desk-schema";
import { cases } from "../../../shared/db/schema";
import { OPEN_STATUSES } from "../../../shared/domain/case-model";

const SOON_MS = 3 * 24 * 3600_000;

/**
 * The 09:00 digest: per department, open cases due by the end of today, due within three days,
 * and overdue. Keyed by department and Beijing date, so a repeated or late cron writes it once.
 */
export async function writeDailyDigest(env: DeadlineEnv, scheduledTime: number): Promise<number> {
  const date = shanghaiDate(scheduledTime);
  const now = new Date(scheduledTime).toISOString();
  const endOfToday = new Date(endOfShanghaiDay(date)).toISOString();
  const soon = new Date(endOfShanghaiDay(date) + SOON_MS).toISOString();
  const d = getDb(env.DB);
  const rows = await d
    .select({
      departmentId: cases.departmentId,
      overdue: sql<number>`sum(case when ${cases.dueAt} <= ${now} then 1 else 0 end)`,
      dueToday: sql<number>`sum(case when ${cases.dueAt} > ${now} and ${cases.dueAt} <= ${endOfToday} then 1 else 0 end)`,
      dueSoon: sql<number>`sum(case when ${cases.dueAt} > ${endOfToday} and ${cases.dueAt} <= ${soon} then 1 else 0 end)`,
    })
    .from(cases)
    .where(and(inArray(cases.status, [...OPEN_STATUSES]), isNotNull(cases.dueAt), isNotNull(cases.departmentId)))
    .groupBy(cases.departmentId);
  const values = rows.flatMap((r) =>
    r.departmentId
      ? [
          {
            departmentId: r.departmentId,
            date,
            dueToday: r.dueToday,
            dueSoon: r.dueSoon,
            overdue: r.overdue,
            createdAt: now,
          },
        ]
      : [],
  );
  for (let i = 0; i < values.length; i += 10)
    await d
      .insert(digests)
      .values(values.slice(i, i + 10))
      .onConflictDoNothing();
  return values.length;
}
