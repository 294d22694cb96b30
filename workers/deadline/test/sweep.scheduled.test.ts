import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import entry from "../src/index";

const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "scheduled">> = entry;

async function insertCase(caseId: string, nextDueAt: string | null) {
  await env.DB.prepare(
    `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_phone, query_code_hash, receipt_hash, submitted_at, next_due_at, last_seq, updated_at)
     VALUES (?, ?, 'consult', 'assigned', '标题标题标题', '内容内容内容内容内容', '620802', 'api', 1, '13900000000', 'q', 'r', '2026-03-01T00:00:00.000Z', ?, 3, '2026-03-01T00:00:00.000Z')`,
  )
    .bind(caseId, `T-${caseId}`, nextDueAt)
    .run();
}

async function runCron(at: string) {
  const controller = createScheduledController({ scheduledTime: new Date(at), cron: "*/5 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

it("fans out one deadline-due message per case whose clock has passed, and records the sweep once", async () => {
  for (let i = 0; i < 130; i++) await insertCase(`DUE-${String(i).padStart(3, "0")}`, "2026-03-05T00:00:00.000Z");
  await insertCase("LATER", "2026-03-20T00:00:00.000Z");
  await insertCase("NO-CLOCK", null);
  const sent = vi.spyOn(env.DEADLINE_DUE, "sendBatch").mockResolvedValue(undefined as never);

  await runCron("2026-03-06T00:00:00.000Z");
  await runCron("2026-03-06T00:00:00.000Z"); // the same cron delivered twice

  const caseIds = sent.mock.calls.flatMap(([messages]) =>
    [...messages].map((m) => (m.body as { caseId: string }).caseId),
  );
  expect(caseIds.length).toBe(130); // the doubled run sent nothing
  expect(new Set(caseIds).size).toBe(130);
  expect(caseIds).not.toContain("LATER");
  expect(caseIds).not.toContain("NO-CLOCK");
  const runs = await env.DB.prepare("SELECT due_count FROM sweep_runs WHERE sweep_id = '2026-03-06T00:00'").all();
  expect(runs.results).toEqual([{ due_count: 130 }]);
  sent.mockRestore();
});
