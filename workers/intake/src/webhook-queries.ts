import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { webhookDeliveries, webhooks } from "../../../shared/db/desk-schema";

/** A partner's webhook as registered; the secret is shown once, when it is made. */
export type WebhookRow = typeof webhooks.$inferInsert & { id: string };

const activeOf = (partnerId: string) => and(eq(webhooks.apiKeyId, partnerId), isNull(webhooks.disabledAt));

/** The partner's webhooks that still receive events. */
export async function activeWebhooks(db: D1Database, partnerId: string) {
  return getDb(db)
    .select({ id: webhooks.id, url: webhooks.url, createdAt: webhooks.createdAt })
    .from(webhooks)
    .where(activeOf(partnerId));
}

export async function addWebhook(db: D1Database, row: WebhookRow): Promise<void> {
  await getDb(db).insert(webhooks).values(row);
}

/** A webhook's latest deliveries, newest first. */
export async function recentDeliveries(db: D1Database, webhookId: string, limit = 50) {
  return getDb(db)
    .select({
      eventId: webhookDeliveries.eventId,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.updatedAt))
    .limit(limit);
}

/** Stops one of the partner's active webhooks; false when it has no such webhook. */
export async function disableWebhook(db: D1Database, partnerId: string, id: string, at: string): Promise<boolean> {
  const stopped = await getDb(db)
    .update(webhooks)
    .set({ disabledAt: at })
    .where(and(eq(webhooks.id, id), activeOf(partnerId)))
    .returning({ id: webhooks.id });
  return stopped.length > 0;
}
