/**
 * Faults around the escalation ladder (issue 19): the deadline Worker's tick whose answer is lost
 * (so its message is retried), the alarm after the tick dying once the projection is written, the
 * queue answers lost, and the five-minute sweep run twice and late. The deadline and evaluation Workers'
 * own code runs here against this Worker's object and D1, as in reconciliation.test.ts. Afterwards
 * every ladder step is applied once, in the log, in D1, in the accountability record, in the
 * rollups, and each notification is sent once.
 */

import { abortAllDurableObjects, createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { unitCounters } from "../../../shared/db/evaluation-queries";
import type { Actor } from "../../../shared/domain/case-model";
import { type DeadlineDueMessage, NotifyMessage } from "../../../shared/messages";
import deadline from "../../deadline/src/index";
import { notify } from "../../deadline/src/notifications/notify.consumer";
import { sweep } from "../../deadline/src/sweep.scheduled";
import { recordCaseEvent } from "../../evaluation/src/case-events.consumer";
import { caseEventsIn, dieAfterFirstBatch, drain, ids, notifyEnv, queueFaults, quiet } from "./faults-fixtures";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

// Typed as the runtime calls it: (batch, env, ctx).
const consumer: Required<Pick<ExportedHandler<DeadlineEnv>, "queue">> = deadline;
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const SENT = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

afterEach(() => vi.restoreAllMocks());

/** A complaint assigned on 2026-09-29 and acknowledged, never answered: by now its whole reply ladder is due. */
async function overdueCase(department: string) {
  const caseId = uniqueKey("ladder-fault");
  const stub = caseRecordStub(env, caseId);
  const at = bj("2026-09-29T09:00:00");
  expect((await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission: SUBMISSION, now: at })).ok);
  const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
  const handler: Actor = { role: "handler", userId: "h", departmentId: department };
  const steps: [Actor, Parameters<typeof stub.execute>[0]["command"], string][] = [
    [dispatcher, { name: "accept" }, "2026-09-29T09:30:00"],
    [dispatcher, { name: "assign", departmentId: department, coDepartmentIds: [] }, "2026-09-29T10:00:00"],
    [handler, { name: "acknowledge" }, "2026-09-29T11:00:00"],
  ];
  for (const [actor, command, local] of steps)
    expect(await stub.execute({ idempotencyKey: uniqueKey(), actor, command, now: bj(local) })).toMatchObject({
      ok: true,
    });
  await drain(stub);
  return { caseId, stub };
}

async function deliverDue(messages: DeadlineDueMessage[], attempts: number) {
  const batch = createMessageBatch(
    "deadline-due",
    messages.map((body, i) => ({ id: `due-${attempts}-${i}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await consumer.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** A deadline-due queue for the sweep: this Worker has none, so its messages are kept here. */
function dueQueue(): Queue & { sent: DeadlineDueMessage[] } {
  const sent: DeadlineDueMessage[] = [];
  return {
    sent,
    metrics: async () => SENT.metadata.metrics,
    send: async (body) => {
      sent.push(body as DeadlineDueMessage);
      return SENT;
    },
    sendBatch: async (messages) => {
      for (const m of messages) sent.push(m.body as DeadlineDueMessage);
      return SENT;
    },
  };
}

it("a ladder step survives a lost tick answer, a dying alarm, lost queue answers and a doubled, late sweep: applied, recorded, counted and notified once", async () => {
  quiet();
  const department = `fault-${crypto.randomUUID()}`;
  const { caseId } = await overdueCase(department);

  // The tick commits its steps, but the answer never reaches the deadline Worker.
  const namespace = env.CASE_RECORD;
  const getByName = namespace.getByName.bind(namespace);
  let ticks = 0;
  vi.spyOn(namespace, "getByName").mockImplementation((name) => {
    const stub = getByName(name);
    return new Proxy(stub, {
      get: (target, prop) =>
        prop === "tick"
          ? async (...args: unknown[]) => {
              ticks += 1;
              const result = await Reflect.get(target, prop)(...args);
              if (ticks === 1) throw new Error("Network connection lost");
              return result;
            }
          : Reflect.get(target, prop),
    });
  });
  // The alarm after the tick writes the projection, then dies before the outbox delete.
  const crash = dieAfterFirstBatch();
  const events = queueFaults(env.CASE_EVENTS, (n) => (n === 1 ? "lost" : "ok"));
  const notices = queueFaults(env.NOTIFICATIONS, (n) => (n === 1 ? "lost" : "ok"));

  // The five-minute sweep finds the case overdue; the same cron delivered twice names it once.
  const queue = dueQueue();
  const sweepEnv = { ...env, DEADLINE_DUE: queue };
  const now = Date.now();
  await sweep(sweepEnv, now);
  await sweep(sweepEnv, now);
  const named = () => queue.sent.filter((m) => m.caseId === caseId);
  expect(named()).toHaveLength(1);

  expect((await deliverDue(named(), 1)).retryMessages).toHaveLength(1);
  await waitFor(async () => crash.written());
  await abortAllDurableObjects();
  vi.mocked(env.DB.batch).mockRestore();
  vi.mocked(namespace.getByName).mockRestore();
  const stub = caseRecordStub(env, caseId);
  expect((await deliverDue(named(), 2)).retryMessages).toEqual([]); // the retry: nothing more to apply
  await drain(stub);
  // A late sweep three hours on, and every message it and the first sent delivered twice more.
  await sweep(sweepEnv, now + 3 * 3_600_000);
  for (const attempts of [1, 2]) expect((await deliverDue(named(), attempts)).retryMessages).toEqual([]);
  await drain(stub);

  const keys = (await stub.events()).flatMap((e) => (e.type === "case.escalated" ? [e.payload.key] : []));
  expect(keys).toEqual(["reply:remind50:1", "reply:remind75:1", "reply:urge:1", "reply:supervise:1", "reply:notice:1"]);
  const inD1 = await env.DB.prepare(
    "SELECT json_extract(payload, '$.key') AS key FROM case_events WHERE case_id = ? AND type = 'case.escalated' ORDER BY seq",
  )
    .bind(caseId)
    .all<{ key: string }>();
  expect(inD1.results.map((r) => r.key)).toEqual(keys);
  const records = await env.DB.prepare("SELECT kind FROM accountability_records WHERE case_id = ?").bind(caseId).all();
  expect(records.results).toEqual([{ kind: "notice" }]);

  // Rollups: every message the object sent (duplicates included), delivered twice, counts once.
  const messages = caseEventsIn(events.delivered);
  expect(messages.length).toBeGreaterThan(new Set(ids(messages)).size);
  for (const m of [...messages, ...messages]) await recordCaseEvent(env, m);
  const period = messages.find((m) => m.type === "case.escalated" && m.rollup)?.rollup?.period ?? "";
  expect((await unitCounters(env.DB, period, "department")).get(department)).toMatchObject({
    urged: 1,
    replyOverdue: 1,
    supervised: 1,
    noticed: 1,
  });

  // Notifications: each planned once and sent once, however often its message came.
  expect(notices.delivered.length).toBeGreaterThan(new Set(ids(notices.delivered)).size);
  const daytime = Date.parse(`${new Date().toISOString().slice(0, 10)}T02:00:00.000Z`); // 10:00 in Beijing
  for (const body of [...notices.delivered, ...notices.delivered])
    await notify(notifyEnv(), NotifyMessage.parse(body), daytime);
  const sent = await env.DB.prepare(
    "SELECT d.channel, d.recipient, d.text, count(*) AS n FROM dev_outbox d JOIN notifications n ON n.id = d.id WHERE n.case_id = ? GROUP BY 1, 2, 3",
  )
    .bind(caseId)
    .all<{ n: number }>();
  expect(sent.results.length).toBeGreaterThan(0);
  expect(sent.results.filter((r) => r.n !== 1)).toEqual([]);
});
