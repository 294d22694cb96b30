import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { webhookSignature } from "../../../shared/auth/signing";
import { retryDueDeliveries } from "../../../shared/webhooks/attempt";
import { RETRY_WINDOW_MS } from "../../../shared/webhooks/retry-schedule";
import { fakeNet } from "../../../test/fake-webhook-net";
import { deliverWebhookEvent } from "../src/webhook-delivery";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";
import { api, DNS, deliveriesOf, hookFor, partnerKey, webhookEvent } from "./webhook-fixtures";

afterEach(() => {
  vi.unstubAllGlobals();
});

const HOUR = 3_600_000;

describe("webhook delivery", () => {
  it("signs the body with a timestamp and the delivery id, leaves a failure to the sweep, and never delivers twice", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    const hookId = await hookFor(partnerId);
    const e = webhookEvent(partnerId);
    let fail = true;
    const net = fakeNet(DNS, () => new Response(null, { status: fail ? 503 : 204 }));
    const now = Date.now();

    await deliverWebhookEvent(env.DB, e, net.net, now); // the outbox lets go: no throw
    await deliverWebhookEvent(env.DB, e, net.net, now); // a replayed outbox entry: the retry is not due yet
    expect(net.posts).toHaveLength(1);
    const [waiting] = await deliveriesOf(hookId);
    expect(waiting).toMatchObject({ status: "retrying", attempts: 1, last_status: 503, last_error: "HTTP 503" });
    const next = Date.parse(waiting?.next_attempt_at ?? "");
    expect(next - now).toBeGreaterThanOrEqual(15_000);
    expect(next - now).toBeLessThanOrEqual(30_000);

    fail = false;
    expect(await retryDueDeliveries(env.DB, net.net, now + 10_000)).toMatchObject({ sent: 0 }); // not yet
    await retryDueDeliveries(env.DB, net.net, next);
    await retryDueDeliveries(env.DB, net.net, next + HOUR);
    await deliverWebhookEvent(env.DB, e, net.net, next + HOUR);
    expect(net.posts).toHaveLength(2);

    const last = net.posts[1] as Request;
    const body = await last.text();
    const timestamp = last.headers.get("x-wenzheng-timestamp") ?? "";
    expect(last.headers.get("x-wenzheng-signature")).toBe(
      `sha256=${await webhookSignature("whsec_test", timestamp, body)}`,
    );
    expect(last.headers.get("x-wenzheng-delivery")).toBe(`${hookId}:${e.eventId}`);
    expect(net.posts[0]?.headers.get("x-wenzheng-delivery")).toBe(`${hookId}:${e.eventId}`);
    expect(JSON.parse(body)).toEqual(e.body);
    expect((await deliveriesOf(hookId))[0]).toMatchObject({
      status: "delivered",
      attempts: 2,
      last_status: 204,
      last_error: null,
      next_attempt_at: null,
      delivered_at: expect.any(String),
    });
  });

  it("falls silent when the partner's key is revoked", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    await hookFor(partnerId);
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), partnerId)
      .run();
    const net = fakeNet(DNS);
    await deliverWebhookEvent(env.DB, webhookEvent(partnerId), net.net);
    expect(net.posts).toHaveLength(0);
  });

  it("does not follow a redirect: the 3xx is a failed attempt with its status", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    const hookId = await hookFor(partnerId);
    const net = fakeNet(DNS, (req) =>
      new URL(req.url).pathname === "/hook"
        ? new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } })
        : new Response("metadata", { status: 200 }),
    );
    await deliverWebhookEvent(env.DB, webhookEvent(partnerId), net.net);
    expect(net.posts.map((r) => r.url)).toEqual(["https://partner.example/hook"]);
    expect((await deliveriesOf(hookId))[0]).toMatchObject({
      status: "retrying",
      last_status: 302,
      last_error: "redirect 302 not followed",
    });
  });

  it("refuses at delivery time a name that now resolves into a private network, without sending", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    const hookId = await hookFor(partnerId, "https://internal.partner.example/hook");
    const net = fakeNet(DNS);
    await deliverWebhookEvent(env.DB, webhookEvent(partnerId), net.net);
    expect(net.posts).toHaveLength(0);
    expect((await deliveriesOf(hookId))[0]).toMatchObject({
      status: "retrying",
      last_status: null,
      last_error: "refused: target not public",
    });
  });

  it("tells the partner no more of a network failure than its kind", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    const hookId = await hookFor(partnerId);
    const net = fakeNet(DNS, () => {
      throw new TypeError("connect ECONNREFUSED 93.184.216.34:443 via proxy 10.20.0.7");
    });
    await deliverWebhookEvent(env.DB, webhookEvent(partnerId), net.net);
    expect((await deliveriesOf(hookId))[0]).toMatchObject({ last_status: null, last_error: "network error" });
  });

  it("keeps retrying with backoff for 72 hours, then the delivery is dead and shown so", async () => {
    const partner = await partnerKey("静宁融媒");
    const hookId = await hookFor(partner.id);
    const net = fakeNet(DNS, () => new Response(null, { status: 500 }));
    const start = Date.now();
    await deliverWebhookEvent(env.DB, webhookEvent(partner.id), net.net, start);
    let row = (await deliveriesOf(hookId))[0];
    const waits: number[] = [];
    let at = start;
    while (row?.status === "retrying" && row.next_attempt_at) {
      const next = Date.parse(row.next_attempt_at);
      waits.push(next - at);
      at = next;
      await retryDueDeliveries(env.DB, net.net, at);
      row = (await deliveriesOf(hookId))[0];
    }
    expect(row).toMatchObject({ status: "dead", last_status: 500, next_attempt_at: null });
    // Other tests' deliveries fall due in this far future too: count this one's POSTs only.
    const mine = () => net.posts.filter((r) => r.headers.get("x-wenzheng-delivery") === row?.id);
    expect(at - start).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(at - start).toBeGreaterThan(RETRY_WINDOW_MS - 4 * HOUR);
    expect(mine()).toHaveLength(row?.attempts ?? -1);
    expect(waits[1]).toBeLessThan(waits[4] ?? 0); // backing off
    expect(Math.max(...waits)).toBeLessThanOrEqual(4 * HOUR);

    await retryDueDeliveries(env.DB, net.net, start + 2 * RETRY_WINDOW_MS);
    expect(mine()).toHaveLength(row?.attempts ?? -1); // dead stays dead
    const listed = (await (await api("/api/v1/webhooks", { key: partner.key })).json()) as {
      webhooks: { deliveries: { status: string; attempts: number; nextAttemptAt: string | null }[] }[];
    };
    expect(listed.webhooks[0]?.deliveries[0]).toMatchObject({ status: "dead", nextAttemptAt: null });
  });

  it("is recorded for every state change of a partner's case through the case outbox, without personal data", async () => {
    const partner = await partnerKey("华亭新闻网");
    const hookId = await hookFor(partner.id, "http://127.0.0.1:9/unreachable");
    const res = await api("/api/v1/cases", {
      method: "POST",
      key: partner.key,
      headers: { "idempotency-key": uniqueKey("hooked") },
      body: JSON.stringify(SUBMISSION),
    });
    expect(res.status).toBe(201);
    const row = await waitFor(async () => (await deliveriesOf(hookId)).find((d) => d.attempts > 0));
    expect(row).toMatchObject({ id: expect.stringMatching(/-1$/), status: "retrying", attempts: 1 });
    expect(row.body).not.toContain(SUBMISSION.phone);
    expect(row.body).not.toContain(SUBMISSION.name ?? "王先生");
  });
});
