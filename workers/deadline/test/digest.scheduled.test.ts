import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import entry from "../src/index";

const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "scheduled">> = entry;

async function openCase(caseId: string, departmentId: string, dueAt: string, status = "acknowledged") {
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, department_id, petitioner_phone, query_code_hash, receipt_hash, submitted_at, due_at, last_seq, updated_at)
     VALUES (?, ?, 'consult', ?, '标题标题标题', '内容内容内容内容内容', '620802', 'api', 1, ?, '13900000000', 'q', 'r', '2026-03-01T00:00:00.000Z', ?, 3, '2026-03-01T00:00:00.000Z')`,
  )
    .bind(caseId, `T-${caseId}`, status, departmentId, dueAt)
    .run();
}

it("writes each department's 09:00 digest once, however often the cron fires", async () => {
  // The cron fires at 2026-03-10 01:00 UTC = 09:00 Beijing.
  await openCase("D-LATE", "pl-health", "2026-03-09T16:00:00.000Z");
  await openCase("D-TODAY", "pl-health", "2026-03-10T16:00:00.000Z");
  await openCase("D-SOON", "pl-health", "2026-03-12T16:00:00.000Z");
  await openCase("D-LATER", "pl-health", "2026-03-30T16:00:00.000Z");
  await openCase("D-DONE", "pl-health", "2026-03-09T16:00:00.000Z", "replied");
  for (let i = 0; i < 2; i++) {
    const controller = createScheduledController({
      scheduledTime: new Date("2026-03-10T01:00:00.000Z"),
      cron: "0 1 * * *",
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
  }
  const rows = await env.DB.prepare(
    "SELECT date, due_today, due_soon, overdue FROM digests WHERE department_id = 'pl-health'",
  ).all();
  expect(rows.results).toEqual([{ date: "2026-03-10", due_today: 1, due_soon: 1, overdue: 1 }]);
});
