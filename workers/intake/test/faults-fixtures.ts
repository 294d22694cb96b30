/** The seams and probes the fault-injection tests share (faults.test.ts, faults.ladder.test.ts). */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { CaseEventsQueueMessage, eventsOf } from "../../../shared/messages";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const SENT = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

/** Quiet: the object logs each failed delivery as a warning, which is the point here. */
export function quiet() {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
}

/**
 * The isolate dies right after its first D1 batch lands: that batch's answer never comes back (so
 * the outbox delete after it never runs); later batches go through.
 */
export function dieAfterFirstBatch(): { written: () => boolean } {
  const batch = env.DB.batch.bind(env.DB);
  let written = false;
  vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
    const result = await batch(statements);
    if (written) return result;
    written = true;
    return new Promise<never>(() => {});
  });
  return { written: () => written };
}

/**
 * Wraps a queue binding: each sendBatch is recorded as delivered (or not) and answered by `plan`,
 * called with its 1-based call number: "ok", "fail" (nothing sent) or "lost" (sent, but the answer
 * never comes back, as when the isolate dies right after).
 */
export function queueFaults(queue: Queue, plan: (call: number) => "ok" | "fail" | "lost") {
  const delivered: unknown[] = [];
  let calls = 0;
  vi.spyOn(queue, "sendBatch").mockImplementation(async (messages) => {
    calls += 1;
    const verdict = plan(calls);
    if (verdict === "fail") throw new Error("Queue send failed: service unavailable");
    for (const m of messages) delivered.push(m.body);
    if (verdict === "lost") throw new Error("Network connection lost");
    return SENT;
  });
  return { delivered, calls: () => calls };
}

/** The case events in what a case-events queue was sent, one message per drain (v2) or per event (v1). */
export const caseEventsIn = (bodies: unknown[]) => bodies.flatMap((b) => eventsOf(CaseEventsQueueMessage.parse(b)));

export async function submitted(now = "2026-03-02T01:00:00.000Z") {
  const caseId = uniqueKey("fault");
  const stub = caseRecordStub(env, caseId);
  const result = await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission: SUBMISSION, now });
  if (!result.ok) throw new Error(result.error.code);
  return { caseId, stub };
}

export const outbox = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_i, state) =>
    state.storage.sql.exec<{ target: string; attempts: number }>("SELECT target, attempts FROM outbox").toArray(),
  );

/** Lets time pass for the outbox: every waiting entry is due now (its backoff elapsed). */
export const backoffElapsed = (stub: DurableObjectStub) =>
  runInDurableObject(stub, (_i, state) => state.storage.sql.exec("UPDATE outbox SET next_attempt_at = 0"));

/** Runs the alarm (after its backoff) until the outbox is empty. */
export async function drain(stub: DurableObjectStub) {
  await waitFor(async () => {
    await backoffElapsed(stub);
    await runDurableObjectAlarm(stub);
    return (await outbox(stub)).length === 0;
  });
}

export async function inD1(caseId: string) {
  const row = await env.DB.prepare("SELECT status, last_seq FROM cases WHERE case_id = ?")
    .bind(caseId)
    .first<{ status: string; last_seq: number }>();
  const events = await env.DB.prepare("SELECT event_id FROM case_events WHERE case_id = ? ORDER BY seq")
    .bind(caseId)
    .all<{ event_id: string }>();
  return { row, eventIds: events.results.map((e) => e.event_id) };
}

export const ids = (bodies: unknown[], kind: "eventId" | "caseId" = "eventId") =>
  bodies.map((b) => (b as Record<string, string>)[kind]);

/** The deadline Worker's notification settings with the local provider, for its consumer run here. */
export const notifyEnv = () => ({
  ...env,
  NOTIFY: { sms: "local", email: "local", origin: "http://127.0.0.1:8787", smsDailyCap: 5 } as const,
});
