import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { listDeadLetters } from "../../../shared/db/dead-letter-queries";
import type { CaseRegisteredMessage } from "../../../shared/messages";
import type { DeadLetterEnvelope } from "../../../shared/queues/dead-letter";
import entry from "../src/index";
import { MAX_REDRIVES, RECONCILE_GRACE_MS, reconcile } from "../src/reconcile.scheduled";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "queue">> = entry;

async function deliver(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `${queue}-${crypto.randomUUID()}-${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const letters = async () => await listDeadLetters(env.DB, 1000);

afterEach(() => vi.restoreAllMocks());

describe("dead letters", () => {
  it("records each once with its queue, body, error and attempts, and raises one alert without the body", async () => {
    const alert = vi.spyOn(console, "error").mockImplementation(() => {});
    const messageId = `orig-${crypto.randomUUID()}`;
    const envelope: DeadLetterEnvelope = {
      v: 1,
      kind: "dead-letter",
      queue: "case-events",
      messageId,
      body: { v: 1, kind: "case.event", caseId: "c-secret-body" },
      error: "D1_ERROR: no such table: rollup_counts",
      attempts: 6,
    };
    expect((await deliver("case-events-dlq", [envelope, envelope])).explicitAcks).toHaveLength(2);
    await deliver("case-events-dlq", [envelope]); // redelivered: still one record
    const mine = (await letters()).filter((l) => l.id === messageId);
    expect(mine).toEqual([
      expect.objectContaining({ queue: "case-events", error: envelope.error, attempts: 6, replayedAt: null }),
    ]);
    expect(mine[0]?.body).toEqual(envelope.body);
    const alerts = alert.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"event":"dead-letter"'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(messageId);
    expect(JSON.parse(alerts[0] ?? "")).toEqual({
      level: "error",
      event: "dead-letter",
      alert: true,
      queue: "case-events",
      id: messageId,
      error: "D1_ERROR", // the kind only: a message may quote a value
    });
  });

  it("records a message the platform moved there bare, naming the queue it came from", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const body = { v: 1, kind: "deadline.due", caseId: `bare-${crypto.randomUUID()}` };
    await deliver("deadline-due-dlq", [body]);
    const [letter] = (await letters()).filter((l) => JSON.stringify(l.body).includes(body.caseId));
    expect(letter).toMatchObject({ queue: "deadline-due", error: expect.stringMatching(/platform/) });
  });
});

describe("reconciliation", () => {
  const registered = (caseId: string, minutesAgo: number): CaseRegisteredMessage => ({
    v: 1,
    kind: "case.registered",
    caseId,
    trackingNo: `T-${caseId}`,
    submittedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  });
  const registry = async (caseId: string) =>
    await env.DB.prepare("SELECT redrives FROM case_registry WHERE case_id = ?")
      .bind(caseId)
      .first<{ redrives: number }>();

  it("registers each case once, forgets those projected and leaves the young ones alone", async () => {
    const projected = `proj-${crypto.randomUUID()}`;
    const stub = caseRecordStub(env, projected);
    const submission = {
      type: "consult" as const,
      title: "小区门口路灯不亮",
      body: "小区门口的路灯坏了一周，晚上出行很不方便。",
      regionCode: "620802",
      phone: "13900000078",
      isPublic: true,
    };
    expect((await stub.submit({ caseId: projected, channel: "api", idempotencyKey: projected, submission })).ok).toBe(
      true,
    );
    await vi.waitFor(async () =>
      expect(await env.DB.prepare("SELECT 1 FROM cases WHERE case_id = ?").bind(projected).first()).not.toBeNull(),
    );
    const young = `young-${crypto.randomUUID()}`;
    await deliver("case-registry", [registered(projected, 10), registered(projected, 10), registered(young, 1)]);
    expect(await registry(projected)).toEqual({ redrives: 0 });
    await reconcile(env, Date.now());
    expect(await registry(projected)).toBeNull(); // projected: forgotten
    expect(await registry(young)).toEqual({ redrives: 0 }); // within the grace period: untouched
  });

  it("redrives a case missing from D1 each run, then surfaces it once as failed work", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // Its object exists and its outbox is empty, yet D1 has no row: redrives cannot help.
    const lost = `lost-${crypto.randomUUID()}`;
    const stub = caseRecordStub(env, lost);
    const submission = {
      type: "consult" as const,
      title: "公交线路调整意见",
      body: "3路公交改线以后，老年人去医院很不方便。",
      regionCode: "620802",
      phone: "13900000079",
      isPublic: true,
    };
    expect((await stub.submit({ caseId: lost, channel: "api", idempotencyKey: lost, submission })).ok).toBe(true);
    await vi.waitFor(async () =>
      expect(await env.DB.prepare("SELECT 1 FROM cases WHERE case_id = ?").bind(lost).first()).not.toBeNull(),
    );
    await env.DB.batch([
      env.DB.prepare("DELETE FROM case_events WHERE case_id = ?").bind(lost),
      env.DB.prepare("DELETE FROM cases WHERE case_id = ?").bind(lost),
    ]);
    await deliver("case-registry", [registered(lost, 10)]);
    for (let run = 1; run <= MAX_REDRIVES + 1; run++) await reconcile(env, Date.now() + run * RECONCILE_GRACE_MS);
    expect(await registry(lost)).toEqual({ redrives: MAX_REDRIVES + 1 });
    const surfaced = (await letters()).filter((l) => l.id === `projection:${lost}`);
    expect(surfaced).toEqual([expect.objectContaining({ queue: "projection", body: { caseId: lost } })]);
    expect(surfaced[0]?.error).toMatch(/not in D1 after 12 redrives/);
  });
});
