import { endOfShanghaiDay, shanghaiDate } from "../../../shared/clocks/period";
import { getDb } from "../../../shared/db/case-queries";
import { planDigest } from "../../../shared/notify/plan";
import { dueCounts, saveDigests } from "./deadline-queries";
import { sendPlanned } from "./notifications/notify.consumer";
import { planContext } from "./notifications/recipients-queries";

const SOON_MS = 3 * 24 * 3600_000;

/**
 * The 09:00 digest: per department, open cases due by the end of today, due within three days,
 * and overdue, kept for the console and e-mailed to the department's handlers and head. Keyed by
 * department and Beijing date, so a repeated or late cron writes and sends it once.
 */
export async function writeDailyDigest(env: DeadlineEnv, scheduledTime: number): Promise<number> {
  const date = shanghaiDate(scheduledTime);
  const now = new Date(scheduledTime).toISOString();
  const endOfToday = new Date(endOfShanghaiDay(date)).toISOString();
  const soon = new Date(endOfShanghaiDay(date) + SOON_MS).toISOString();
  const d = getDb(env.DB);
  const rows = await dueCounts(d, now, endOfToday, soon);
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
  await saveDigests(d, values);
  const ctx = await planContext(
    env.DB,
    null,
    values.map((v) => v.departmentId),
    true,
  );
  await sendPlanned(
    env,
    values.flatMap((v) => planDigest(v, ctx)),
    scheduledTime,
  );
  return values.length;
}
