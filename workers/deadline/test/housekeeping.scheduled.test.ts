import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import entry from "../src/index";

const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "scheduled">> = entry;
const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())?.n;

it("the daily run drops counters that no longer count, and keeps the ones that still do", async () => {
  // 2026-03-10 01:00 UTC: the 09:00 Beijing digest cron.
  const now = Date.parse("2026-03-10T01:00:00.000Z");
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO partner_usage VALUES ('k', ?, 5), ('k', ?, 7)").bind(
      iso(3 * 86_400_000).slice(0, 16),
      iso(60_000).slice(0, 16),
    ),
    env.DB.prepare("INSERT INTO signin_failures VALUES ('address:10.0.0.1', 9, ?), ('account:bob', 2, ?)").bind(
      iso(2 * 3_600_000),
      iso(60_000),
    ),
    env.DB.prepare(
      "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('old', 'u', ?, ?), ('live', 'u', ?, ?)",
    ).bind(iso(40 * 86_400_000), iso(39 * 86_400_000), iso(60_000), iso(-3_600_000)),
  ]);
  for (let i = 0; i < 2; i++) {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "0 1 * * *", scheduledTime: now }), env, ctx);
    await waitOnExecutionContext(ctx);
  }
  expect(await count("SELECT sum(submissions) AS n FROM partner_usage")).toBe(7);
  expect(await count("SELECT count(*) AS n FROM signin_failures WHERE key = 'account:bob'")).toBe(1);
  expect(await count("SELECT count(*) AS n FROM signin_failures")).toBe(1);
  expect(await count("SELECT count(*) AS n FROM sessions")).toBe(1);
});
