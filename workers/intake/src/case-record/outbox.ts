import { caseRecord } from "../../../../shared/case-record/client";
import type { OutboxStatus } from "../../../../shared/case-record/contract";
import { recordDeadLetter } from "../../../../shared/db/dead-letter-queries";
import { accountabilityRecords } from "../../../../shared/db/desk-schema";
import { targetNet } from "../../../../shared/http/public-address";
import { logEvent } from "../../../../shared/log";
import {
  CaseEventMessage,
  type CaseEventsQueueMessage,
  CaseIntakeMessage,
  NotifyMessage,
} from "../../../../shared/messages";
import { errorKind, kindOfDescription } from "../../../../shared/queues/dead-letter";
import { deliverWebhookEvent, type WebhookEvent } from "../webhook-delivery";
import { insertIgnoring, type Projection, projectionStatements } from "./projection";

export type OutboxEntry =
  | { target: "next-due"; body: { caseId: string; lastSeq: number; nextDueAt: string | null } }
  | { target: "accountability"; body: typeof accountabilityRecords.$inferInsert }
  | { target: "webhook"; body: WebhookEvent }
  | { target: "notifications"; body: NotifyMessage }
  | { target: "d1"; body: Projection }
  | { target: "case-events"; body: CaseEventMessage }
  | { target: "case-intake"; body: CaseIntakeMessage }
  | { target: "absorb"; body: MergeHandOff };

/** A merged duplicate's people, for the case it was merged into (support.ts). */
export interface MergeHandOff {
  eventId: string;
  fromTrackingNo: string;
  intoTrackingNo: string;
  digests: string[];
}

interface OutboxRow extends Record<string, SqlStorageValue> {
  id: number;
  target: string;
  body: string;
  attempts: number;
}
/** A due entry, its body parsed (each target's body is what `OutboxEntry` says it is). */
interface DueRow {
  id: number;
  target: string;
  attempts: number;
  body: unknown;
}

const BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;
/** About an hour of tries (backoff doubling to five minutes); then a person is asked to look. */
export const MAX_OUTBOX_ATTEMPTS = 20;
/** next_attempt_at of an entry handed to the failed-work page: no alarm retries it until a redrive. */
const PARKED = -1;

/** Targets delivered one entry at a time: each touches something of its own (a partner, a provider). */
async function deliverOne(env: IntakeEnv, target: string, body: unknown): Promise<void> {
  switch (target) {
    case "webhook":
      return deliverWebhookEvent(env.DB, body as WebhookEvent, targetNet(env));
    case "absorb": {
      const handOff = body as MergeHandOff;
      const kept = await env.DB.prepare("SELECT case_id FROM cases WHERE tracking_no = ?")
        .bind(handOff.intoTrackingNo)
        .first<{ case_id: string }>();
      // A merge names a case already in the read model (the desk merges into what it sees). A number no
      // case has cannot become one by retrying: the hand-off ends here, logged, and the count stays.
      if (!kept) return logEvent("warn", "merge-target-unknown", { eventId: handOff.eventId });
      await caseRecord(env, kept.case_id).absorb({
        idempotencyKey: `merge:${handOff.eventId}`,
        fromTrackingNo: handOff.fromTrackingNo,
        digests: handOff.digests,
      });
      return;
    }
    case "notify":
      // Written by objects before notifications had their own queue; what it said is long past.
      return;
    default:
      throw new Error(`unknown outbox target ${target}`);
  }
}

/** The D1 writes of due entries as one batch: projections (coalesced), then index moves, then records. */
function d1Statements(db: D1Database, rows: DueRow[]): D1PreparedStatement[] {
  const projections = rows.filter((r) => r.target === "d1").map((r) => r.body as Projection);
  return [
    ...projectionStatements(db, projections),
    ...rows.flatMap((r) => {
      if (r.target === "next-due") {
        // Only onto the row this tick saw: a newer event's projection carries its own next_due_at.
        const b = r.body as { caseId: string; lastSeq: number; nextDueAt: string | null };
        return [
          db
            .prepare("UPDATE cases SET next_due_at = ? WHERE case_id = ? AND last_seq = ?")
            .bind(b.nextDueAt, b.caseId, b.lastSeq),
        ];
      }
      if (r.target === "accountability")
        return [insertIgnoring(db, accountabilityRecords, r.body as typeof accountabilityRecords.$inferInsert)];
      return [];
    }),
  ];
}

const D1_TARGETS = new Set(["d1", "next-due", "accountability"]);
const QUEUE_TARGETS = new Set(["case-events", "case-intake", "notifications"]);

/**
 * Delivers the outbox entries that are due, deleting each once delivered: the D1 writes of all of
 * them in one batch (the read model first: the assignment Worker reads the case it is told about),
 * then each queue's messages in one `sendBatch`, then webhooks one by one. A
 * failed group keeps its entries with their attempt counts, each waiting its own backoff, so one
 * slow partner never holds up the read model or the queues. Returns when to look again (the
 * earliest waiting entry), or null. D1 writes are idempotent by event id and consumers by message,
 * so a crash between delivery and delete repeats nothing that matters.
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
    .toArray()
    .map((r): DueRow => ({ ...r, body: JSON.parse(r.body) }));
  const attempt = async (group: DueRow[], send: () => Promise<unknown>) => {
    if (group.length === 0) return;
    try {
      await send();
      sql.exec(`DELETE FROM outbox WHERE id IN (${group.map(() => "?").join(", ")})`, ...group.map((r) => r.id));
    } catch (error) {
      for (const row of group) await failed(sql, env, row, error, caseIdOf);
    }
  };
  const of = (target: string) => rows.filter((r) => r.target === target);
  const d1 = rows.filter((r) => D1_TARGETS.has(r.target));
  await attempt(d1, () => env.DB.batch(d1Statements(env.DB, d1)));
  const events = of("case-events");
  // All of the drain's events in one message (v2); a single one as it always was (v1).
  const [only, ...more] = events.map((r) => CaseEventMessage.parse(r.body));
  const message: CaseEventsQueueMessage | null = only
    ? more.length
      ? { v: 2, kind: "case.events", events: [only, ...more] }
      : only
    : null;
  await attempt(events, () => env.CASE_EVENTS.sendBatch([{ body: message }]));
  const intake = of("case-intake");
  await attempt(intake, () =>
    env.CASE_INTAKE.sendBatch(intake.map((r) => ({ body: CaseIntakeMessage.parse(r.body) }))),
  );
  const notices = of("notifications");
  await attempt(notices, () =>
    env.NOTIFICATIONS.sendBatch(notices.map((r) => ({ body: NotifyMessage.parse(r.body) }))),
  );
  // Whatever else is due (an unknown target too) goes one by one, where an unknown one fails loudly.
  for (const row of rows.filter((r) => !D1_TARGETS.has(r.target) && !QUEUE_TARGETS.has(r.target)))
    await attempt([row], () => deliverOne(env, row.target, row.body));
  const next = sql
    .exec<{ at: number | null }>("SELECT min(next_attempt_at) AS at FROM outbox WHERE next_attempt_at >= 0")
    .one().at;
  return next === null ? null : Math.max(next, Date.now());
}

/** One entry's failure: its attempt counted, its backoff set, and at its cap handed to the failed-work page. */
async function failed(sql: SqlStorage, env: IntakeEnv, row: DueRow, error: unknown, caseIdOf: () => string | null) {
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

/**
 * Records an entry that keeps failing as failed work (dead letter "outbox", replayed by a redrive
 * of its case). False when that cannot be recorded either (D1 itself failing): the entry then keeps
 * its retries, and reconciliation finds the case if it never reached D1.
 */
async function surface(env: IntakeEnv, caseId: string, row: DueRow, attempts: number, error: string) {
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
