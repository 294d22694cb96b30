import type { NotifyMessage } from "../../../../shared/messages";
import {
  departmentsOf,
  type PlannedNotification,
  planNotifications,
  reachesStaff,
} from "../../../../shared/notify/plan";
import { deliver, dueRows, recordPlanned } from "./delivery";
import { planContext } from "./recipients-queries";
import { notificationSetup } from "./senders";

/**
 * One event's notifications: who hears (looked up now), each recorded once, then each sent that may
 * go now. A redelivered message finds its rows and sends nothing twice; what quiet hours hold, or a
 * provider asked to retry, the sweep sends when it is due.
 */
export async function notify(env: DeadlineEnv, message: NotifyMessage, now = Date.now()): Promise<void> {
  const ctx = await planContext(env.DB, message.caseId, departmentsOf(message), reachesStaff(message));
  await sendPlanned(env, planNotifications(message, ctx), now);
}

/** Records planned notifications once, then sends those that may go now. */
export async function sendPlanned(
  env: DeadlineEnv,
  planned: readonly PlannedNotification[],
  now: number,
): Promise<void> {
  const { senders, settings } = notificationSetup(env);
  for (const row of await recordPlanned(env.DB, planned, senders, settings, now))
    await deliver(env.DB, row, senders, settings, now);
}

/** The sweep (every five minutes): whatever is due that no queue message will bring again. */
export async function sendDueNotifications(env: DeadlineEnv, now = Date.now()): Promise<number> {
  const { senders, settings } = notificationSetup(env);
  const rows = await dueRows(env.DB, now);
  for (const row of rows) await deliver(env.DB, row, senders, settings, now);
  return rows.length;
}
