import { env, exports } from "cloudflare:workers";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import type { WebhookEvent } from "../src/webhook-delivery";
import { freshIp } from "./fixtures";

/** What the tests' DNS-over-HTTPS resolver knows: public partners, and names pointed into a network. */
export const DNS: Record<string, string[]> = {
  "partner.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "x.example": ["93.184.216.35"],
  "p.example": ["93.184.216.36"],
  "internal.partner.example": ["10.0.0.1"],
  "mixed.partner.example": ["93.184.216.34", "127.0.0.1"],
  "v6.partner.example": ["fd00::1"],
};

export async function partnerKey(name: string): Promise<{ id: string; key: string }> {
  const id = `partner-${crypto.randomUUID()}`;
  const key = `pk_${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, ?, ?, ?)")
    .bind(id, name, sha256Hex(key), new Date().toISOString())
    .run();
  return { id, key };
}

export const api = (path: string, init: RequestInit & { key?: string } = {}) =>
  exports.default.fetch(`http://intake.test${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      "cf-connecting-ip": freshIp(),
      ...(init.key ? { "x-api-key": init.key } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

/** A webhook of `partnerId` stored directly (a URL that was public when registered, say). */
export async function hookFor(partnerId: string, url = "https://partner.example/hook") {
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

export const webhookEvent = (partnerId: string): WebhookEvent => ({
  partnerId,
  eventId: `C-${crypto.randomUUID()}-2`,
  body: {
    id: "C-2",
    type: "case.assigned",
    trackingNo: "ABCDEFGHJKM1",
    status: "assigned",
    at: "2026-03-02T09:00:00+08:00",
    seq: 2,
    supporters: 0,
  },
});

export interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  give_up_at: string | null;
  body: string | null;
}

export const deliveriesOf = async (webhookId: string) =>
  (
    await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at")
      .bind(webhookId)
      .all<DeliveryRow>()
  ).results;
