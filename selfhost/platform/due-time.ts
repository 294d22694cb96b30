import { Cron } from "croner";

/** The latest time at or before `now` that `cron` names, later than `after`; null when there is none. */
export function dueTime(cron: string, after: Date, now: Date): Date | null {
  // Cloudflare's crons run in UTC.
  const schedule = new Cron(cron, { timezone: "Etc/UTC", paused: true });
  // Only the latest due time matters: after a long outage, start the walk a day back, not months.
  const from = new Date(Math.max(after.getTime(), now.getTime() - 86_400_000));
  let due: Date | null = null;
  for (let next = schedule.nextRun(from); next && next <= now; next = schedule.nextRun(next)) due = next;
  return due;
}
