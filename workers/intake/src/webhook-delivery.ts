import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { webhooks } from "../../../shared/db/desk-schema";
import { apiKeys } from "../../../shared/db/schema";
import type { CaseEventType } from "../../../shared/domain/events";
import type { TargetNet } from "../../../shared/http/public-address";
import { attemptDelivery } from "../../../shared/webhooks/attempt";
import { deliveriesByIds, recordDeliveries } from "../../../shared/webhooks/delivery-queries";

/** What a partner receives: the public facts of a state change, never personal data. */
export interface WebhookEvent {
  partnerId: string;
  eventId: string;
  body: {
    id: string;
    type: CaseEventType;
    trackingNo: string;
    status: string;
    at: string;
    seq: number;
    /** 附议: how many citizens support the case now. */
    supporters: number;
  };
}

/**
 * Records the event's delivery to each of the partner's webhooks in D1 (once per webhook and event)
 * and makes the first attempt at each that is due. Retries are the deadline Worker's cron sweep's
 * (shared/webhooks/attempt.ts), over 72 hours, so a slow partner never holds the case's outbox;
 * this throws only when D1 fails, and then the outbox tries again.
 */
export async function deliverWebhookEvent(
  db: D1Database,
  event: WebhookEvent,
  net: TargetNet,
  now: number = Date.now(),
): Promise<void> {
  // A revoked API key's webhooks fall silent with it.
  const hooks = await getDb(db)
    .select({ id: webhooks.id })
    .from(webhooks)
    .innerJoin(apiKeys, eq(apiKeys.id, webhooks.apiKeyId))
    .where(and(eq(webhooks.apiKeyId, event.partnerId), isNull(webhooks.disabledAt), isNull(apiKeys.revokedAt)));
  const body = JSON.stringify(event.body);
  const rows = hooks.map((h) => ({ id: `${h.id}:${event.eventId}`, webhookId: h.id, eventId: event.eventId, body }));
  await recordDeliveries(db, rows, now);
  const pending = await deliveriesByIds(
    db,
    rows.map((r) => r.id),
  );
  for (const d of pending)
    if (d.status === "retrying" && d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) <= now)
      await attemptDelivery(db, d, net, now);
}
