import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptDelivery } from "../../../shared/webhooks/attempt";
import { deliveriesByIds, recordDeliveries } from "../../../shared/webhooks/delivery-queries";
import { fakeNet } from "../../../test/fake-webhook-net";
import entry from "../src/index";

const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "scheduled">> = entry;
const DNS = { "partner.example": ["93.184.216.34"] };

afterEach(() => {
  vi.unstubAllGlobals();
});

async function runCron() {
  const controller = createScheduledController({ scheduledTime: new Date(), cron: "*/5 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A partner, its webhook, and one delivery whose first attempt failed a minute ago and is due again now. */
async function failedDelivery(url = "https://partner.example/hook") {
  const partnerId = `p-${crypto.randomUUID()}`;
  const webhookId = `hook-${crypto.randomUUID()}`;
  const at = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, 'test partner', ?, ?)",
    ).bind(partnerId, `hash-${partnerId}`, at),
    env.DB.prepare(
      "INSERT INTO webhooks (id, api_key_id, url, secret, created_at) VALUES (?, ?, ?, 'whsec_test', ?)",
    ).bind(webhookId, partnerId, url, at),
  ]);
  const id = `${webhookId}:C-1-2`;
  const body = JSON.stringify({ id: "C-1-2", type: "case.assigned", trackingNo: "ABCDEFGHJKM1", status: "assigned" });
  await recordDeliveries(env.DB, [{ id, webhookId, eventId: "C-1-2", body }], Date.now() - 60_000);
  await env.DB.prepare(
    "UPDATE webhook_deliveries SET attempts = 1, last_status = 503, last_error = 'HTTP 503' WHERE id = ?",
  )
    .bind(id)
    .run();
  return id;
}

const row = (id: string) =>
  env.DB.prepare("SELECT status, attempts, last_status, next_attempt_at FROM webhook_deliveries WHERE id = ?")
    .bind(id)
    .first();

describe("the webhook retry sweep (every five minutes, with the deadline sweep)", () => {
  it("sends a delivery whose retry is due, once, however often and however concurrently the cron runs", async () => {
    const id = await failedDelivery();
    const net = fakeNet(DNS);
    vi.stubGlobal("fetch", net.fetch);
    await Promise.all([runCron(), runCron()]);
    await runCron();
    const mine = net.posts.filter((r) => r.headers.get("x-wenzheng-delivery") === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.headers.get("x-wenzheng-event")).toBe("case.assigned");
    expect(await row(id)).toMatchObject({ status: "delivered", attempts: 2, last_status: 204, next_attempt_at: null });
  });

  it("lets only one of two runs that read the same due row send it", async () => {
    const id = await failedDelivery();
    const net = fakeNet(DNS);
    const [read] = await deliveriesByIds(env.DB, [id]);
    if (!read) throw new Error("delivery not recorded");
    const sent = await Promise.all([attemptDelivery(env.DB, read, net.net), attemptDelivery(env.DB, read, net.net)]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    expect(net.posts).toHaveLength(1);
  });

  it("schedules the next retry when the partner is still down", async () => {
    const id = await failedDelivery();
    const net = fakeNet(DNS, () => new Response(null, { status: 502 }));
    vi.stubGlobal("fetch", net.fetch);
    await runCron();
    const after = (await row(id)) as { status: string; attempts: number; next_attempt_at: string };
    expect(after).toMatchObject({ status: "retrying", attempts: 2, last_status: 502 });
    // The second failure waits 30–60 s.
    const wait = Date.parse(after.next_attempt_at) - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
