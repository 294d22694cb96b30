/**
 * "A test stops a case's alarm after submission and sees reconciliation project it" (issue 14).
 * It lives with the case object (intake) because only here can a test stop the object's alarm.
 * The case is submitted through the public API; the registration intake sends is handed to the
 * deadline Worker's queue handler, and the reconciliation is the deadline Worker's cron code, both
 * run against this Worker's object and D1.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { caseIdFor } from "../../../shared/domain/ids";
import { CaseRegisteredMessage } from "../../../shared/messages";
import deadline from "../../deadline/src/index";
import { MAX_REDRIVES, RECONCILE_GRACE_MS, reconcile } from "../../deadline/src/reconcile.scheduled";
import { json, postCase } from "./cases-fixtures";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

// Typed as the runtime calls it: (batch, env, ctx).
const registry: Required<Pick<ExportedHandler<DeadlineEnv>, "queue">> = deadline;
const SENT = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

const inD1 = (caseId: string) =>
  env.DB.prepare("SELECT status FROM cases WHERE case_id = ?").bind(caseId).first<{ status: string }>();
const registered = (caseId: string) =>
  env.DB.prepare("SELECT redrives FROM case_registry WHERE case_id = ?").bind(caseId).first<{ redrives: number }>();

afterEach(() => vi.restoreAllMocks());

it("projects a case whose alarm was stopped after submission, found by reconciliation through its registration", async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const registrations: CaseRegisteredMessage[] = [];
  vi.spyOn(env.CASE_REGISTRY, "send").mockImplementation(async (body) => {
    registrations.push(CaseRegisteredMessage.parse(body));
    return SENT;
  });
  const key = uniqueKey("lost-alarm");
  const caseId = caseIdFor("api", key);
  const stub = caseRecordStub(env, caseId);
  // The alarm's first projection fails (no case_events in D1), then the alarm is stopped: from
  // here on nothing in the object would ever write the case to D1.
  await env.DB.exec("ALTER TABLE case_events RENAME TO case_events_away");
  try {
    expect((await postCase(json(SUBMISSION), { key })).status).toBe(201);
    await waitFor(() =>
      runInDurableObject(
        stub,
        (_instance, state) =>
          state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE attempts > 0").one().n > 0,
      ),
    );
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAlarm());
  } finally {
    await env.DB.exec("ALTER TABLE case_events_away RENAME TO case_events");
  }
  expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeNull();
  expect(await inD1(caseId)).toBeNull();

  // Intake registered the case when its object answered; the deadline Worker consumes that.
  expect(registrations.map((r) => r.caseId)).toEqual([caseId]);
  const batch = createMessageBatch(
    "case-registry",
    registrations.map((body, i) => ({ id: `r${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await registry.queue(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["r0"]);

  const now = Date.now();
  expect(await reconcile(env, now)).toEqual({ redriven: 0 }); // within its grace period: left alone
  expect(await inD1(caseId)).toBeNull();
  expect(await reconcile(env, now + RECONCILE_GRACE_MS + 1000)).toEqual({ redriven: 1 });
  expect(await inD1(caseId)).toEqual({ status: "submitted" });
  expect(await registered(caseId)).toEqual({ redrives: 1 });
  // The next run finds it projected and forgets it.
  expect(await reconcile(env, now + 2 * RECONCILE_GRACE_MS)).toEqual({ redriven: 0 });
  expect(await registered(caseId)).toBeNull();
});

it("goes on to the other cases when one case's object does not answer, and lists that one as failed work in the end", async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
  const [broken, healthy] = [uniqueKey("broken-object"), uniqueKey("healthy-object")];
  const submittedAt = new Date(Date.now() - 2 * RECONCILE_GRACE_MS).toISOString();
  for (const caseId of [broken, healthy])
    await env.DB.prepare("INSERT INTO case_registry (case_id, tracking_no, submitted_at) VALUES (?, ?, ?)")
      .bind(caseId, caseId.slice(-12).toUpperCase(), submittedAt)
      .run();
  // The broken case's object throws on every call, as one whose file cannot be read does.
  const namespace = env.CASE_RECORD;
  const getByName = namespace.getByName.bind(namespace);
  vi.spyOn(namespace, "getByName").mockImplementation((name) => {
    const stub = getByName(name);
    if (name !== broken) return stub;
    return new Proxy(stub, {
      get: (target, prop) =>
        prop === "redrive"
          ? () => Promise.reject(new Error("SQLITE_NOTADB: file is not a database"))
          : Reflect.get(target, prop),
    });
  });
  const redrives = (caseId: string) => registered(caseId).then((r) => r?.redrives);

  expect(await reconcile(env, Date.now())).toEqual({ redriven: 2 });
  expect([await redrives(broken), await redrives(healthy)]).toEqual([1, 1]);
  await env.DB.prepare("UPDATE case_registry SET redrives = ? WHERE case_id = ?")
    .bind(MAX_REDRIVES - 1, broken)
    .run();
  await reconcile(env, Date.now());
  const letter = await env.DB.prepare("SELECT queue, error FROM dead_letters WHERE id = ?")
    .bind(`projection:${broken}`)
    .first<{ queue: string; error: string }>();
  expect(letter).toEqual({
    queue: "projection",
    error: `not in D1 after ${MAX_REDRIVES} redrives (last error: its object did not answer: SQLITE_NOTADB: file is not a database)`,
  });
});
