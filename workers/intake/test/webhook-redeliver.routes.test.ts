import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { retryDueDeliveries } from "../../../shared/webhooks/attempt";
import { fakeNet } from "../../../test/fake-webhook-net";
import { deliverWebhookEvent } from "../src/webhook-delivery";
import { api, DNS, deliveriesOf, partnerKey, webhookEvent } from "./webhook-fixtures";

beforeEach(() => {
  vi.stubGlobal("fetch", fakeNet(DNS).fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A partner with one registered webhook and three deliveries made a day apart: delivered, dead, dead. */
async function partnerWithHistory() {
  const partner = await partnerKey("平凉日报");
  const created = await api("/api/v1/webhooks", {
    method: "POST",
    key: partner.key,
    body: JSON.stringify({ url: "https://partner.example/hook" }),
  });
  const { id: hookId } = (await created.json()) as { id: string };
  const days = ["2026-11-01T02:00:00.000Z", "2026-11-02T02:00:00.000Z", "2026-11-03T02:00:00.000Z"];
  for (const [i, day] of days.entries()) {
    const ok = i === 0;
    const net = fakeNet(DNS, () => new Response(null, { status: ok ? 204 : 500 }));
    await deliverWebhookEvent(env.DB, webhookEvent(partner.id), net.net, Date.parse(day));
  }
  await env.DB.prepare(
    "UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL WHERE webhook_id = ? AND status = 'retrying'",
  )
    .bind(hookId)
    .run();
  return { partner, hookId, deliveries: await deliveriesOf(hookId) };
}

const redeliver = (key: string, hookId: string, body: unknown) =>
  api(`/api/v1/webhooks/${hookId}/redeliver`, { method: "POST", key, body: JSON.stringify(body) });

describe("POST /api/v1/webhooks/{id}/redeliver", () => {
  it("queues one dead delivery by id for the next sweep, which sends it with its original id", async () => {
    const { partner, hookId, deliveries } = await partnerWithHistory();
    const dead = deliveries[1];
    if (!dead) throw new Error("no history");
    const res = await redeliver(partner.key, hookId, { deliveryId: dead.id });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: 1 });
    const [, requeued, stillDead] = await deliveriesOf(hookId);
    expect(requeued).toMatchObject({ status: "retrying" });
    expect(Date.parse(requeued?.next_attempt_at ?? "")).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(requeued?.give_up_at ?? "")).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect(stillDead).toMatchObject({ status: "dead" });

    const net = fakeNet(DNS);
    await retryDueDeliveries(env.DB, net.net);
    const mine = net.posts.filter((r) => r.headers.get("x-wenzheng-delivery") === dead.id);
    expect(mine).toHaveLength(1);
    expect(await mine[0]?.text()).toBe(dead.body);
    expect((await deliveriesOf(hookId))[1]).toMatchObject({ status: "delivered" });
  });

  it("queues a time range, delivered ones included, with the partner's own offset", async () => {
    const { partner, hookId } = await partnerWithHistory();
    // 2026-11-01 08:00 to 2026-11-02 12:00 Beijing time: the first two deliveries.
    const res = await redeliver(partner.key, hookId, {
      from: "2026-11-01T08:00:00+08:00",
      to: "2026-11-02T12:00:00+08:00",
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: 2 });
    expect((await deliveriesOf(hookId)).map((d) => d.status)).toEqual(["retrying", "retrying", "dead"]);
    const listed = (await (await api("/api/v1/webhooks", { key: partner.key })).json()) as {
      webhooks: { deliveries: { status: string; nextAttemptAt: string | null }[] }[];
    };
    expect(listed.webhooks[0]?.deliveries.filter((d) => d.status === "retrying" && d.nextAttemptAt)).toHaveLength(2);
  });

  it("answers 404 for another partner's webhook and changes nothing", async () => {
    const { hookId, deliveries } = await partnerWithHistory();
    const other = await partnerKey("陇东报");
    const res = await redeliver(other.key, hookId, { deliveryId: deliveries[1]?.id });
    expect(res.status).toBe(404);
    expect((await deliveriesOf(hookId)).map((d) => d.status)).toEqual(["delivered", "dead", "dead"]);
    expect((await redeliver("pk_nope", hookId, { deliveryId: "x" })).status).toBe(401);
  });

  it.each([
    [{ from: "2026-11-01T00:00:00Z", to: "2026-11-09T00:00:00Z" }],
    [{ from: "2026-11-03T00:00:00Z", to: "2026-11-01T00:00:00Z" }],
    [{ from: "yesterday", to: "today" }],
    [{ deliveryId: "x", from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }],
    [{}],
  ])("refuses %j with 400", async (body) => {
    const { partner, hookId } = await partnerWithHistory();
    const res = await redeliver(partner.key, hookId, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
