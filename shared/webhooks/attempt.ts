import * as z from "zod";
import type { TargetNet } from "../http/public-address";
import { logEvent } from "../log";
import { claimDelivery, dueDeliveries, type PendingDelivery, settleDelivery } from "./delivery-queries";
import { nextAttemptAt } from "./retry-schedule";
import { sendWebhook } from "./send-webhook";

/** How long a claimed attempt may stay unsettled before the sweep takes the delivery again. */
const CLAIM_GRACE_MS = 5 * 60_000;
/** Deliveries one sweep attempts, and how many of them at once (each may wait 10 s for its partner). */
const SWEEP_BATCH = 60;
const SWEEP_PARALLEL = 6;

/** The stored body, parsed where it is read back: only the event type is needed for the headers. */
const StoredBody = z.object({ type: z.string() });

/**
 * One attempt at a delivery: claimed first (so two runs never both send it), sent, then settled as
 * delivered, retrying at its next time, or dead when that would fall past its 72 hours. A stopped
 * webhook's or an unreadable row's delivery is settled dead without sending. Returns whether it sent.
 */
export async function attemptDelivery(
  db: D1Database,
  d: PendingDelivery,
  net: TargetNet,
  now: number = Date.now(),
  random: () => number = Math.random,
): Promise<boolean> {
  if (d.status !== "retrying") return false;
  if (!(await claimDelivery(db, d, now, now + CLAIM_GRACE_MS))) return false;
  const attempts = d.attempts + 1;
  const body = d.body === null ? null : StoredBody.safeParse(safeJson(d.body));
  if (d.stopped || d.body === null || !body?.success) {
    const error = d.stopped ? "webhook stopped" : "unreadable delivery";
    await settleDelivery(db, d.id, attempts, { delivered: false, status: null, error, nextAttemptAt: null }, now);
    return false;
  }
  const outcome = await sendWebhook(d, { id: d.id, type: body.data.type, body: d.body }, net);
  const giveUpAt = d.giveUpAt ? Date.parse(d.giveUpAt) : now;
  const next = outcome.delivered ? null : nextAttemptAt(now, attempts, giveUpAt, random);
  await settleDelivery(
    db,
    d.id,
    attempts,
    { ...outcome, error: outcome.delivered ? null : outcome.error, nextAttemptAt: next },
    now,
  );
  if (!outcome.delivered && next === null)
    logEvent("warn", "webhook-dead", { delivery: d.id, attempts, error: outcome.error });
  return true;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The cron's part: attempts every delivery whose retry is due, a few at a time. Safe to run twice
 * at once: each delivery is claimed before it is sent.
 */
export async function retryDueDeliveries(db: D1Database, net: TargetNet, now: number = Date.now()) {
  const due = await dueDeliveries(db, now, SWEEP_BATCH);
  let sent = 0;
  for (let i = 0; i < due.length; i += SWEEP_PARALLEL) {
    const results = await Promise.all(due.slice(i, i + SWEEP_PARALLEL).map((d) => attemptDelivery(db, d, net, now)));
    sent += results.filter(Boolean).length;
  }
  if (due.length > 0) logEvent("info", "webhook-retries", { due: due.length, sent });
  return { due: due.length, sent };
}
