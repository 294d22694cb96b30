import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import { queueRatingReminders } from "../src/notifications/reminders.scheduled";

const NOW = Date.parse("2026-05-10T02:00:00Z");

async function repliedCase(caseId: string, dueAt: string, channel = "api") {
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_phone,
       query_code_hash, receipt_hash, submitted_at, return_count, final_dispatch, last_seq, due_at, updated_at, department_id)
     VALUES (?, ?, 'consult', 'replied', 't', 'b', '620802', ?, 1, '13800000000', 'q', 'r', ?, 0, 0, 6, ?, ?, 'pl-housing')`,
  )
    .bind(
      caseId,
      caseId.slice(0, 12).toUpperCase(),
      channel,
      new Date(NOW - 9 * 86_400_000).toISOString(),
      dueAt,
      new Date(NOW).toISOString(),
    )
    .run();
}

it("reminds the citizen once, a day before the rating window closes; not seeded cases, not windows further off", async () => {
  const soon = new Date(NOW + 6 * 3_600_000).toISOString();
  await repliedCase("remind-soon-0001", soon);
  await repliedCase("remind-late-0002", new Date(NOW + 3 * 86_400_000).toISOString());
  await repliedCase("remind-seed-0003", soon, "seed");
  const sent = vi
    .spyOn(env.NOTIFICATIONS, "sendBatch")
    .mockResolvedValue({ metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } });
  expect(await queueRatingReminders(env, NOW)).toBe(1);
  expect(sent.mock.calls[0]?.[0]).toEqual([
    { body: expect.objectContaining({ type: "rating.reminder", caseId: "remind-soon-0001", dueAt: soon }) },
  ]);
  // Once its notification is recorded, a later sweep does not queue it again.
  await env.DB.prepare(
    "INSERT INTO notifications (id, event_id, case_id, channel, recipient, message, status, attempts, created_at) VALUES ('r1', ?, 'remind-soon-0001', 'sms', '13800000000', 'x', 'sent', 1, ?)",
  )
    .bind(`rating-reminder:remind-soon-0001:${soon}`, new Date(NOW).toISOString())
    .run();
  expect(await queueRatingReminders(env, NOW + 300_000)).toBe(0);
});
