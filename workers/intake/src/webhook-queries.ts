import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { webhooks } from "../../../shared/db/desk-schema";

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

/** Stops one of the partner's active webhooks; false when it has no such webhook. */
export async function disableWebhook(db: D1Database, partnerId: string, id: string, at: string): Promise<boolean> {
  const stopped = await getDb(db)
    .update(webhooks)
    .set({ disabledAt: at })
    .where(and(eq(webhooks.id, id), activeOf(partnerId)))
    .returning({ id: webhooks.id });
  return stopped.length > 0;
}
