import { and, eq } from "drizzle-orm";
import type { OutboxStatus } from "../../../../shared/case-record/contract";
import { getDb } from "../../../../shared/db/case-queries";
import { recordDeadLetter } from "../../../../shared/db/dead-letter-queries";
import { accountabilityRecords, notifications } from "../../../../shared/db/desk-schema";
import { cases } from "../../../../shared/db/schema";
import { logEvent } from "../../../../shared/log";
import { CaseEventMessage, CaseIntakeMessage } from "../../../../shared/messages";
import {
  type CitizenNotification,
  localLogProvider,
  type NotificationProvider,
} from "../../../../shared/notify/notifications";
import { errorKind, kindOfDescription } from "../../../../shared/queues/dead-letter";
import { deliverWebhookEvent, type WebhookEvent } from "../webhook-delivery";
import { type CaseEventRow, type CaseRow, projectToD1 } from "./projection";

/** Records the notification once (by id), sends it, and marks it sent; a resend after a crash is skipped. */
async function notify(db: D1Database, n: CitizenNotification, provider: NotificationProvider): Promise<void> {
  const d = getDb(db);
  await d
    .insert(notifications)
    .values({ ...n, status: "pending", createdAt: new Date().toISOString() })
    .onConflictDoNothing();
  const [row] = await d.select({ status: notifications.status }).from(notifications).where(eq(notifications.id, n.id));
  if (row?.status === "sent") return;
  await provider.send(n);
  await d
    .update(notifications)
    .set({ status: "sent", provider: provider.name, sentAt: new Date().toISOString() })
    .where(eq(notifications.id, n.id));
}

export type OutboxEntry =
  | { target: "next-due"; body: { caseId: string; lastSeq: number; nextDueAt: string | null } }
  | { target: "accountability"; body: typeof accountabilityRecords.$inferInsert }
  | { target: "webhook"; body: WebhookEvent }
  | { target: "notify"; body: CitizenNotification }
  | { target: "d1"; body: { event: CaseEventRow; row: CaseRow } }
  | { target: "case-events"; body: CaseEventMessage }
  | { target: "case-intake"; body: CaseIntakeMessage };

interface OutboxRow extends Record<string, SqlStorageValue> {
  id: number;
  target: string;
  body: string;
  attempts: number;
}

const BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;
/** About an hour of tries (backoff doubling to five minutes); then a person is asked to look. */
export const MAX_OUTBOX_ATTEMPTS = 20;
/** next_attempt_at of an entry handed to the failed-work page: no alarm retries it until a redrive. */
const PARKED = -1;

async function deliver(env: IntakeEnv, target: string, body: unknown): Promise<void> {
  switch (target) {
    case "d1": {
      const { event, row } = body as { event: CaseEventRow; row: CaseRow };
      return projectToD1(env.DB, event, row);
    }
    case "next-due": {
      // Only onto the row this tick saw: a newer event's projection carries its own next_due_at.
      const b = body as { caseId: string; lastSeq: number; nextDueAt: string | null };
      await getDb(env.DB)
        .update(cases)
        .set({ nextDueAt: b.nextDueAt })
        .where(and(eq(cases.caseId, b.caseId), eq(cases.lastSeq, b.lastSeq)));
      return;
    }
    case "accountability":
      await getDb(env.DB)
        .insert(accountabilityRecords)
        .values(body as typeof accountabilityRecords.$inferInsert)
        .onConflictDoNothing();
      return;
    case "webhook":
      return deliverWebhookEvent(env.DB, body as WebhookEvent);
    case "notify":
      return notify(env.DB, body as CitizenNotification, localLogProvider);
    case "case-events":
      await env.CASE_EVENTS.send(CaseEventMessage.parse(body));
      return;
    case "case-intake":
      await env.CASE_INTAKE.send(CaseIntakeMessage.parse(body));
      return;
    default:
      throw new Error(`unknown outbox target ${target}`);
  }
}

/**
 * Delivers the outbox entries that are due, oldest first, deleting each once delivered. A failed
 * entry keeps its attempt count and waits its own backoff, so one slow partner never holds up the
 * read model or the queues. Returns when to look again (the earliest waiting entry), or null.
 * D1 writes are idempotent by event id, so a crash between delivery and delete repeats nothing.
 */
export async function drainOutbox(
  sql: SqlStorage,
  env: IntakeEnv,
  now: number,
  /** Read only when an entry reaches its cap: the alarm's usual drain should not parse the snapshot. */
  caseIdOf: () => string | null,
): Promise<number | null> {
  const rows = sql
    .exec<OutboxRow>(
      "SELECT id, target, body, attempts FROM outbox WHERE next_attempt_at >= 0 AND next_attempt_at <= ? ORDER BY id LIMIT ?",
      now,
      BATCH,
    )
    .toArray();
  for (const row of rows) {
    try {
      await deliver(env, row.target, JSON.parse(row.body));
      sql.exec("DELETE FROM outbox WHERE id = ?", row.id);
    } catch (error) {
      const attempts = row.attempts + 1;
      // The message names the failure kind only: no payload, no personal data in logs.
      const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown";
      const retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
      sql.exec(
        "UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
        attempts,
        reason,
        retryAt,
        row.id,
      );
      logEvent("warn", "outbox-delivery-failed", { target: row.target, attempts, error: errorKind(error) });
      const caseId = attempts >= MAX_OUTBOX_ATTEMPTS ? caseIdOf() : null;
      if (caseId && (await surface(env, caseId, row, attempts, reason)))
        sql.exec("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", PARKED, row.id);
    }
  }
  const next = sql
    .exec<{ at: number | null }>("SELECT min(next_attempt_at) AS at FROM outbox WHERE next_attempt_at >= 0")
    .one().at;
  return next === null ? null : Math.max(next, Date.now());
}

/**
 * Records an entry that keeps failing as failed work (dead letter "outbox", replayed by a redrive
 * of its case). False when that cannot be recorded either (D1 itself failing): the entry then keeps
 * its retries, and reconciliation finds the case if it never reached D1.
 */
async function surface(env: IntakeEnv, caseId: string, row: OutboxRow, attempts: number, error: string) {
  try {
    const letter = {
      id: `outbox:${caseId}:${row.id}`,
      queue: "outbox",
      body: { caseId, target: row.target },
      error,
      attempts,
    };
    if (await recordDeadLetter(env.DB, letter, new Date()))
      logEvent("error", "dead-letter", {
        alert: true,
        queue: "outbox",
        id: letter.id,
        error: kindOfDescription(error),
      });
    return true;
  } catch {
    return false;
  }
}

/** Makes every waiting entry due now, parked ones included (a redrive ignores the backoff once). */
export function expediteOutbox(sql: SqlStorage): void {
  sql.exec("UPDATE outbox SET next_attempt_at = 0");
}

export function outboxStatus(sql: SqlStorage): OutboxStatus {
  const row = sql
    .exec<{ n: number; error: string | null }>(
      "SELECT count(*) AS n, (SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS error FROM outbox",
    )
    .one();
  return { pending: row.n, lastError: row.error };
}
