import { NotifyMessage } from "../../../../shared/messages";

const DAY_MS = 24 * 3_600_000;

/**
 * The citizen's reminder that the rating window is about to close: every replied case whose window
 * ends within a day and that was not reminded yet. Keyed by the case and the window's end, so a
 * doubled sweep or a redelivered message records it once; a case rated meanwhile is no longer `replied`.
 */
export async function queueRatingReminders(env: DeadlineEnv, now: number): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT case_id, tracking_no, department_id, due_at FROM cases
     WHERE status = 'replied' AND channel != 'seed' AND due_at > ? AND due_at <= ?
       AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = cases.case_id
                       AND n.event_id = 'rating-reminder:' || cases.case_id || ':' || cases.due_at)`,
  )
    .bind(new Date(now).toISOString(), new Date(now + DAY_MS).toISOString())
    .all<{ case_id: string; tracking_no: string; department_id: string | null; due_at: string }>();
  const messages = results.map((r) => ({
    body: NotifyMessage.parse({
      v: 1,
      kind: "notify.case",
      eventId: `rating-reminder:${r.case_id}:${r.due_at}`,
      caseId: r.case_id,
      trackingNo: r.tracking_no,
      type: "rating.reminder",
      at: new Date(now).toISOString(),
      departmentId: r.department_id,
      dueAt: r.due_at,
    }),
  }));
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < messages.length; i += 100) await env.NOTIFICATIONS.sendBatch(messages.slice(i, i + 100));
  return messages.length;
}
