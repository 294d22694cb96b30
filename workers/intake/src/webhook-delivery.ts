import { and, eq, isNull } from "drizzle-orm";
import { webhookSignature } from "../../../shared/auth/signing";
import { getDb } from "../../../shared/db/case-queries";
import { webhookDeliveries, webhooks } from "../../../shared/db/desk-schema";
import { apiKeys } from "../../../shared/db/schema";
import type { CaseEventType } from "../../../shared/domain/events";

/** What a partner receives: the public facts of a state change, never personal data. */
export interface WebhookEvent {
  partnerId: string;
  eventId: string;
  body: { id: string; type: CaseEventType; trackingNo: string; status: string; at: string; seq: number };
}

/** After this many failed attempts a delivery is given up (the log keeps it). */
export const MAX_WEBHOOK_ATTEMPTS = 8;

/**
 * POSTs the event to each of the partner's webhooks, signed with HMAC-SHA-256 over
 * `<timestamp>.<body>` (headers X-Wenzheng-Timestamp, X-Wenzheng-Signature: sha256=…). Each
 * delivery is logged by webhook and event; one logged as delivered is not sent again (a crash between
 * the POST and the log entry can repeat it: delivery is at least once). Throws while any
 * delivery still deserves a retry, so the outbox tries again with backoff.
 */
export async function deliverWebhookEvent(
  db: D1Database,
  event: WebhookEvent,
  send: typeof fetch = fetch,
): Promise<void> {
  const d = getDb(db);
  // A revoked API key's webhooks fall silent with it.
  const hooks = await d
    .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
    .from(webhooks)
    .innerJoin(apiKeys, eq(apiKeys.id, webhooks.apiKeyId))
    .where(and(eq(webhooks.apiKeyId, event.partnerId), isNull(webhooks.disabledAt), isNull(apiKeys.revokedAt)));
  let pending = 0;
  for (const hook of hooks) {
    const id = `${hook.id}:${event.eventId}`;
    const [log] = await d.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    if (log?.deliveredAt || (log && log.attempts >= MAX_WEBHOOK_ATTEMPTS)) continue;
    const body = JSON.stringify(event.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await send(hook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-wenzheng-event": event.body.type,
          "x-wenzheng-timestamp": timestamp,
          "x-wenzheng-signature": `sha256=${await webhookSignature(hook.secret, timestamp, body)}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (e) {
      error = e instanceof Error ? e.name : "error";
    }
    const delivered = status !== null && status >= 200 && status < 300;
    const now = new Date().toISOString();
    const attempts = (log?.attempts ?? 0) + 1;
    const row = {
      attempts,
      lastStatus: status,
      lastError: delivered ? null : (error ?? `HTTP ${status}`),
      deliveredAt: delivered ? now : null,
      updatedAt: now,
    };
    await d
      .insert(webhookDeliveries)
      .values({ id, webhookId: hook.id, eventId: event.eventId, ...row })
      .onConflictDoUpdate({ target: webhookDeliveries.id, set: row });
    if (!delivered && attempts < MAX_WEBHOOK_ATTEMPTS) pending += 1;
  }
  if (pending > 0) throw new Error(`${pending} webhook deliveries to retry`);
}
