/** The webhook delivery log in D1: one row per webhook and event, read by the outbox, the sweep and the partner. */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { getDb } from "../db/case-queries";
import { webhookDeliveries, webhooks } from "../db/desk-schema";
import { apiKeys } from "../db/schema";
import { RETRY_WINDOW_MS } from "./retry-schedule";

const iso = (ms: number) => new Date(ms).toISOString();

/** A delivery that may be attempted, with what it needs to be sent. */
export interface PendingDelivery {
  id: string;
  webhookId: string;
  url: string;
  secret: string;
  body: string | null;
  attempts: number;
  status: "retrying" | "delivered" | "dead";
  nextAttemptAt: string | null;
  giveUpAt: string | null;
  /** The webhook was stopped or its API key revoked: nothing more is sent. */
  stopped: boolean;
}

/** Adds each delivery once (keyed by webhook and event: a replayed outbox entry adds nothing), due now. */
export async function recordDeliveries(
  db: D1Database,
  rows: { id: string; webhookId: string; eventId: string; body: string }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  const at = iso(now);
  await getDb(db)
    .insert(webhookDeliveries)
    .values(
      rows.map((r) => ({
        ...r,
        attempts: 0,
        status: "retrying" as const,
        nextAttemptAt: at,
        giveUpAt: iso(now + RETRY_WINDOW_MS),
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing();
}

function selectPending(db: D1Database) {
  return getDb(db)
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      url: webhooks.url,
      secret: webhooks.secret,
      body: webhookDeliveries.body,
      attempts: webhookDeliveries.attempts,
      status: webhookDeliveries.status,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      giveUpAt: webhookDeliveries.giveUpAt,
      stopped: sql<number>`${webhooks.disabledAt} IS NOT NULL OR ${apiKeys.revokedAt} IS NOT NULL`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(apiKeys, eq(apiKeys.id, webhooks.apiKeyId));
}

const toPending = (r: Omit<PendingDelivery, "stopped"> & { stopped: number }): PendingDelivery => ({
  ...r,
  stopped: Boolean(r.stopped),
});

export async function deliveriesByIds(db: D1Database, ids: string[]): Promise<PendingDelivery[]> {
  if (ids.length === 0) return [];
  return (await selectPending(db).where(inArray(webhookDeliveries.id, ids))).map(toPending);
}

/** Deliveries waiting for a retry whose time has come, oldest first. */
export async function dueDeliveries(db: D1Database, now: number, limit: number): Promise<PendingDelivery[]> {
  const rows = await selectPending(db)
    .where(and(eq(webhookDeliveries.status, "retrying"), lte(webhookDeliveries.nextAttemptAt, iso(now))))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
  return rows.map(toPending);
}

/**
 * Takes a delivery for one attempt: counts the attempt and moves its next attempt past `graceUntil`,
 * only if nobody else has since (same attempt count, still retrying). False: another run has it.
 * A crash after the claim leaves it due again after the grace: delivery is at least once.
 */
export async function claimDelivery(db: D1Database, d: PendingDelivery, now: number, graceUntil: number) {
  const claimed = await getDb(db)
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: iso(graceUntil), updatedAt: iso(now) })
    .where(
      and(
        eq(webhookDeliveries.id, d.id),
        eq(webhookDeliveries.attempts, d.attempts),
        eq(webhookDeliveries.status, "retrying"),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return claimed.length === 1;
}

/** Records how an attempt ended: delivered, waiting until `nextAttemptAt`, or dead (null). */
export async function settleDelivery(
  db: D1Database,
  id: string,
  attempts: number,
  outcome: { delivered: boolean; status: number | null; error: string | null; nextAttemptAt: number | null },
  now: number,
): Promise<void> {
  const status = outcome.delivered ? "delivered" : outcome.nextAttemptAt === null ? "dead" : "retrying";
  await getDb(db)
    .update(webhookDeliveries)
    .set({
      status,
      lastStatus: outcome.status,
      lastError: outcome.error,
      deliveredAt: outcome.delivered ? iso(now) : null,
      nextAttemptAt: outcome.nextAttemptAt === null ? null : iso(outcome.nextAttemptAt),
      updatedAt: iso(now),
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attempts)));
}

/** A webhook's latest deliveries, newest first, as the partner sees them. */
export async function deliveryLog(db: D1Database, webhookId: string, limit = 50) {
  return getDb(db)
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.updatedAt))
    .limit(limit);
}

export type RedeliverySelector = { deliveryId: string } | { from: string; to: string };

/**
 * Makes the chosen deliveries of one webhook due now with a fresh 72-hour window, delivered and
 * dead ones included (the receiver dedupes by delivery id). At most `limit`, oldest first; returns
 * how many. Rows from before retries kept no body and cannot be sent again.
 */
export async function requeueDeliveries(
  db: D1Database,
  webhookId: string,
  selector: RedeliverySelector,
  now: number,
  limit: number,
): Promise<number> {
  const d = getDb(db);
  const chosen = d
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        isNotNull(webhookDeliveries.body),
        "deliveryId" in selector
          ? eq(webhookDeliveries.id, selector.deliveryId)
          : and(gte(webhookDeliveries.createdAt, selector.from), lte(webhookDeliveries.createdAt, selector.to)),
      ),
    )
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(limit);
  const requeued = await d
    .update(webhookDeliveries)
    .set({ status: "retrying", nextAttemptAt: iso(now), giveUpAt: iso(now + RETRY_WINDOW_MS), updatedAt: iso(now) })
    .where(inArray(webhookDeliveries.id, chosen))
    .returning({ id: webhookDeliveries.id });
  return requeued.length;
}
