import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { webhookSignature } from "../../../shared/auth/signing";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { deliverWebhookEvent, MAX_WEBHOOK_ATTEMPTS, type WebhookEvent } from "../src/webhook-delivery";
import { freshIp, SUBMISSION, uniqueKey, waitFor } from "./fixtures";

async function partnerKey(name: string): Promise<{ id: string; key: string }> {
  const id = `partner-${crypto.randomUUID()}`;
  const key = `pk_${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, ?, ?, ?)")
    .bind(id, name, sha256Hex(key), new Date().toISOString())
    .run();
  return { id, key };
}

const api = (path: string, init: RequestInit & { key?: string } = {}) =>
  exports.default.fetch(`http://intake.test${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": freshIp(),
      ...(init.key ? { "x-api-key": init.key } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

describe("webhook registration", () => {
  it("registers, lists and stops a partner's webhooks, and refuses bad URLs and other partners", async () => {
    const mine = await partnerKey("平凉日报");
    const theirs = await partnerKey("陇东报");
    const created = await api("/api/v1/webhooks", {
      method: "POST",
      key: mine.key,
      body: JSON.stringify({ url: "https://partner.example/hooks/wenzheng" }),
    });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; secret: string };
    expect(hook.secret).toMatch(/^whsec_/);

    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: mine.key,
          body: JSON.stringify({ url: "http://partner.example/plain" }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: mine.key,
          body: JSON.stringify({ url: "https://x.example", secret: "mine" }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: "pk_nope",
          body: JSON.stringify({ url: "https://x.example" }),
        })
      ).status,
    ).toBe(401);

    const listed = (await (await api("/api/v1/webhooks", { key: mine.key })).json()) as {
      webhooks: { id: string; secret?: string }[];
    };
    expect(listed.webhooks.map((w) => w.id)).toEqual([hook.id]);
    expect(listed.webhooks[0]).not.toHaveProperty("secret");
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: theirs.key })).status).toBe(404);
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: mine.key })).status).toBe(204);
  });

  it("keeps a partner to five webhooks", async () => {
    const p = await partnerKey("静宁融媒");
    for (let i = 0; i < 5; i++)
      expect(
        (
          await api("/api/v1/webhooks", {
            method: "POST",
            key: p.key,
            body: JSON.stringify({ url: `https://p.example/${i}` }),
          })
        ).status,
      ).toBe(201);
    expect(
      (
        await api("/api/v1/webhooks", {
          method: "POST",
          key: p.key,
          body: JSON.stringify({ url: "https://p.example/6" }),
        })
      ).status,
    ).toBe(409);
  });
});

describe("webhook delivery", () => {
  async function hookFor(partnerId: string, url = "https://partner.example/hook") {
    const id = `hook-${crypto.randomUUID()}`;
    await env.DB.prepare(
      "INSERT OR IGNORE INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, 'test partner', ?, ?)",
    )
      .bind(partnerId, `hash-${partnerId}`, new Date().toISOString())
      .run();
    await env.DB.prepare(
      "INSERT INTO webhooks (id, api_key_id, url, secret, created_at) VALUES (?, ?, ?, 'whsec_test', ?)",
    )
      .bind(id, partnerId, url, new Date().toISOString())
      .run();
    return id;
  }
  const event = (partnerId: string): WebhookEvent => ({
    partnerId,
    eventId: `C-${crypto.randomUUID()}-2`,
    body: {
      id: "C-2",
      type: "case.assigned",
      trackingNo: "ABCDEFGHJKM1",
      status: "assigned",
      at: "2026-03-02T09:00:00+08:00",
      seq: 2,
    },
  });

  it("signs the body with a timestamp, retries a failure, and never delivers twice", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    const hookId = await hookFor(partnerId);
    const e = event(partnerId);
    const seen: Request[] = [];
    let fail = true;
    const send = (async (url: string, init: RequestInit) => {
      seen.push(new Request(url, init));
      return new Response(null, { status: fail ? 503 : 204 });
    }) as typeof fetch;

    await expect(deliverWebhookEvent(env.DB, e, send)).rejects.toThrow(/retry/);
    fail = false;
    await deliverWebhookEvent(env.DB, e, send);
    await deliverWebhookEvent(env.DB, e, send); // a replayed outbox entry
    expect(seen).toHaveLength(2);

    const last = seen[1] as Request;
    const body = await last.text();
    const timestamp = last.headers.get("x-wenzheng-timestamp") ?? "";
    expect(last.headers.get("x-wenzheng-signature")).toBe(
      `sha256=${await webhookSignature("whsec_test", timestamp, body)}`,
    );
    expect(JSON.parse(body)).toEqual(e.body);
    const log = await env.DB.prepare(
      "SELECT attempts, last_status, delivered_at FROM webhook_deliveries WHERE webhook_id = ?",
    )
      .bind(hookId)
      .first();
    expect(log).toMatchObject({ attempts: 2, last_status: 204, delivered_at: expect.any(String) });
  });

  it("falls silent when the partner's key is revoked", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    await hookFor(partnerId);
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), partnerId)
      .run();
    let calls = 0;
    const send: typeof fetch = async () => {
      calls += 1;
      return new Response(null, { status: 204 });
    };
    await deliverWebhookEvent(env.DB, event(partnerId), send);
    expect(calls).toBe(0);
  });

  it("gives up after the last attempt", async () => {
    const partnerId = `p-${crypto.randomUUID()}`;
    await hookFor(partnerId);
    const e = event(partnerId);
    const down: typeof fetch = async () => new Response(null, { status: 500 });
    for (let i = 1; i < MAX_WEBHOOK_ATTEMPTS; i++) await expect(deliverWebhookEvent(env.DB, e, down)).rejects.toThrow();
    await deliverWebhookEvent(env.DB, e, down); // the last attempt is logged and the outbox lets go
    await deliverWebhookEvent(env.DB, e, down);
    const log = await env.DB.prepare("SELECT attempts FROM webhook_deliveries WHERE event_id = ?")
      .bind(e.eventId)
      .first("attempts");
    expect(log).toBe(MAX_WEBHOOK_ATTEMPTS);
  });

  it("is queued for every state change of a partner's case, through the case outbox", async () => {
    const partner = await partnerKey("华亭新闻网");
    const hookId = await hookFor(partner.id, "http://127.0.0.1:9/unreachable");
    const res = await api("/api/v1/cases", {
      method: "POST",
      key: partner.key,
      headers: { "idempotency-key": uniqueKey("hooked") },
      body: JSON.stringify(SUBMISSION),
    });
    expect(res.status).toBe(201);
    const row = await waitFor(() =>
      env.DB.prepare("SELECT event_id, attempts, last_error FROM webhook_deliveries WHERE webhook_id = ?")
        .bind(hookId)
        .first(),
    );
    expect(row).toMatchObject({ event_id: expect.stringMatching(/-1$/), attempts: 1 });
  });
});
