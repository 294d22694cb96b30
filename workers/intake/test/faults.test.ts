/**
 * Fault injection along the pipeline (issue 19): a queue send that fails, a D1 write or queue send
 * whose answer is lost (a crash between the write and the outbox delete), an alarm that throws and
 * one that dies, a D1 outage of ten simulated minutes, an older projection arriving after a newer
 * one. Faults are injected at the runtime's seams (the env bindings the object calls, wrapped to
 * fail on the calls a test chooses; abortAllDurableObjects for a crash); afterwards every case is
 * projected and every event is in D1, counted in the rollups and notified once. The ladder's faults
 * are in faults.ladder.test.ts. Covered elsewhere and not repeated: D1 failing then recovering and
 * a redrive (case-record.do.test.ts), consumers given shuffled and duplicated batches (assignment,
 * evaluation, deadline), notifications redelivered (notifications.delivery.test.ts).
 */
import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { unitCounters } from "../../../shared/db/evaluation-queries";
import type { Actor } from "../../../shared/domain/case-model";
import { caseIdFor } from "../../../shared/domain/ids";
import { NotifyMessage } from "../../../shared/messages";
import { notify } from "../../deadline/src/notifications/notify.consumer";
import { recordCaseEvent } from "../../evaluation/src/case-events.consumer";
import { json, postCase } from "./cases-fixtures";
import {
  caseEventsIn,
  dieAfterFirstBatch,
  drain,
  ids,
  inD1,
  notifyEnv,
  outbox,
  queueFaults,
  quiet,
  submitted,
} from "./faults-fixtures";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const dispatcher: Actor = { role: "dispatcher", userId: "d1", departmentId: "pl-office" };

afterEach(() => vi.restoreAllMocks());

describe("a queue send that fails", () => {
  it("keeps the entries in the outbox, projects D1 meanwhile, and sends each message once later", async () => {
    quiet();
    const events = queueFaults(env.CASE_EVENTS, (n) => (n <= 2 ? "fail" : "ok"));
    const intake = queueFaults(env.CASE_INTAKE, (n) => (n === 1 ? "fail" : "ok"));
    const notices = queueFaults(env.NOTIFICATIONS, (n) => (n === 1 ? "fail" : "ok"));
    const { caseId, stub } = await submitted();
    // The alarm's first drain: D1 is its own group, projected although every queue failed.
    const waiting = await waitFor(async () => {
      const rows = await outbox(stub);
      return rows.length === 3 && rows.every((r) => r.attempts >= 1) && rows;
    });
    expect(waiting.map((r) => r.target).sort()).toEqual(["case-events", "case-intake", "notifications"]);
    expect((await inD1(caseId)).row).toEqual({ status: "submitted", last_seq: 1 });

    await stub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: { name: "accept" } });
    await drain(stub);
    expect(events.calls()).toBeGreaterThanOrEqual(3);
    expect(ids(caseEventsIn(events.delivered)).sort()).toEqual([`${caseId}-1`, `${caseId}-2`]);
    expect(ids(intake.delivered, "caseId")).toEqual([caseId]);
    expect(ids(notices.delivered, "eventId")).toEqual([`${caseId}-1`]);
    expect(await inD1(caseId)).toEqual({
      row: { status: "accepted", last_seq: 2 },
      eventIds: [`${caseId}-1`, `${caseId}-2`],
    });
  });
});

describe("a crash between the D1 write and the outbox delete", () => {
  it("writes the same projection again, and every event is in D1, in the rollups and notified once", async () => {
    quiet();
    const batch = env.DB.batch.bind(env.DB);
    let d1Calls = 0;
    // The first projection reaches D1, but its answer is lost: the object cannot know it landed.
    vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
      d1Calls += 1;
      const result = await batch(statements);
      if (d1Calls === 1) throw new Error("Network connection lost");
      return result;
    });
    const events = queueFaults(env.CASE_EVENTS, (n) => (n <= 2 ? "lost" : "ok"));
    const notices = queueFaults(env.NOTIFICATIONS, (n) => (n === 1 ? "lost" : "ok"));
    const department = `fault-${crypto.randomUUID()}`;
    const { caseId, stub } = await submitted();
    await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "accept" },
      followUps: [{ name: "assign", departmentId: department, coDepartmentIds: [] }],
      now: "2026-03-02T02:00:00.000Z",
    });
    await drain(stub);
    expect(d1Calls).toBeGreaterThanOrEqual(2);
    expect(await inD1(caseId)).toEqual({
      row: { status: "assigned", last_seq: 3 },
      eventIds: [`${caseId}-1`, `${caseId}-2`, `${caseId}-3`],
    });

    // The lost answers made the object send again: the consumers see duplicates and count once.
    const published = caseEventsIn(events.delivered);
    expect(published.length).toBeGreaterThan(3);
    expect(new Set(ids(published))).toEqual(new Set([`${caseId}-1`, `${caseId}-2`, `${caseId}-3`]));
    for (const message of [...published, ...published]) await recordCaseEvent(env, message);
    expect((await unitCounters(env.DB, "2026-03", "department")).get(department)).toMatchObject({ assigned: 1 });

    expect(notices.delivered.length).toBeGreaterThan(new Set(ids(notices.delivered)).size);
    const sendAt = Date.parse("2026-03-02T02:00:00.000Z"); // 10:00 in Beijing: no quiet hours
    for (const body of notices.delivered) await notify(notifyEnv(), NotifyMessage.parse(body), sendAt);
    const inbox = await env.DB.prepare(
      "SELECT channel, recipient, template, count(*) AS n FROM dev_outbox WHERE tracking_no = (SELECT tracking_no FROM cases WHERE case_id = ?) GROUP BY 1, 2, 3",
    )
      .bind(caseId)
      .all<{ template: string; n: number }>();
    expect(inbox.results.length).toBeGreaterThan(0);
    expect(inbox.results.every((r) => r.n === 1)).toBe(true);
  });

  it("an alarm that dies after the write runs again and applies it once", async () => {
    quiet();
    const crash = dieAfterFirstBatch();
    const { caseId } = await submitted();
    await waitFor(async () => crash.written());
    await abortAllDurableObjects();
    vi.mocked(env.DB.batch).mockRestore();
    // A stub made before the crash is broken with its object; callers reach the new one by name.
    const stub = caseRecordStub(env, caseId);
    expect((await outbox(stub)).map((r) => r.target)).toContain("d1");
    await drain(stub);
    expect(await inD1(caseId)).toEqual({ row: { status: "submitted", last_seq: 1 }, eventIds: [`${caseId}-1`] });
  });
});

describe("an alarm that throws", () => {
  it("is run again by the runtime, and what it was delivering lands once", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const batch = env.DB.batch.bind(env.DB);
    let d1Calls = 0;
    vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
      d1Calls += 1;
      if (d1Calls === 1) throw new Error("D1_ERROR: database is busy");
      return batch(statements);
    });
    // Recording that failure throws too, out of the alarm handler (as an isolate running out of memory would).
    let warnings = 0;
    vi.spyOn(console, "warn").mockImplementation(() => {
      warnings += 1;
      if (warnings === 1) throw new Error("Worker exceeded memory limit");
    });
    const { caseId, stub } = await submitted();
    // Nothing here runs the alarm by hand: the runtime retries the handler that threw.
    await waitFor(async () => (await outbox(stub)).length === 0, 15_000);
    expect(warnings).toBeGreaterThanOrEqual(1);
    expect(d1Calls).toBeGreaterThanOrEqual(2);
    expect(await inD1(caseId)).toEqual({ row: { status: "submitted", last_seq: 1 }, eventIds: [`${caseId}-1`] });
  });
});

describe("a D1 outage of ten simulated minutes", () => {
  it("keeps taking cases and commands, and projects everything once D1 is back", async () => {
    quiet();
    // A warm isolate: it has taken a case and run a command (read the references, the calendar
    // and the rules) before D1 went away.
    const warmKey = uniqueKey("before-outage");
    expect((await postCase(json(SUBMISSION), { key: warmKey })).status).toBe(201);
    const earlier = caseIdFor("api", warmKey);
    const earlierStub = caseRecordStub(env, earlier);
    await earlierStub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: { name: "accept" } });
    await drain(earlierStub);
    // Time is simulated from here: the object's clock, its caches and its backoff all read Date.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const down = { on: true };
    const fail = () => {
      if (down.on) throw new Error("D1_ERROR: Network connection lost.");
    };
    for (const method of ["batch", "prepare", "exec"] as const) {
      const original = env.DB[method].bind(env.DB) as (...args: unknown[]) => unknown;
      vi.spyOn(env.DB, method).mockImplementation(((...args: unknown[]) => {
        fail();
        return original(...args);
      }) as never);
    }
    try {
      const minute = async (n: number) => {
        vi.setSystemTime(Date.now() + 60_000);
        await runDurableObjectAlarm(earlierStub);
        if (n === 1) {
          const assign = { name: "assign" as const, departmentId: "pl-housing", coDepartmentIds: [] };
          const done = await earlierStub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: assign });
          expect(done).toMatchObject({ ok: true, value: { status: "assigned" } });
        }
      };
      let fresh: { caseId: string; trackingNo: string } | null = null;
      for (let n = 1; n <= 10; n++) {
        await minute(n);
        if (n === 5) {
          // Five minutes in, past every one-minute cache: a citizen still gets a receipt.
          const key = uniqueKey("outage");
          const res = await postCase(json(SUBMISSION), { key });
          expect(res.status).toBe(201);
          fresh = {
            caseId: caseIdFor("api", key),
            trackingNo: ((await res.json()) as { trackingNo: string }).trackingNo,
          };
        }
      }
      expect((await outbox(earlierStub)).find((r) => r.target === "d1")?.attempts).toBeGreaterThan(1);
      down.on = false;
      vi.setSystemTime(Date.now() + 60_000);
      if (!fresh) throw new Error("no case during the outage");
      for (const caseId of [earlier, fresh.caseId]) await drain(caseRecordStub(env, caseId));
      expect(await inD1(earlier)).toEqual({
        row: { status: "assigned", last_seq: 3 },
        eventIds: [`${earlier}-1`, `${earlier}-2`, `${earlier}-3`],
      });
      expect(await inD1(fresh.caseId)).toEqual({
        row: { status: "submitted", last_seq: 1 },
        eventIds: [`${fresh.caseId}-1`],
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("out-of-order projection", () => {
  it("an older projection landing after a newer one does not overwrite it", async () => {
    quiet();
    const { caseId, stub } = await submitted();
    await drain(stub);
    const batch = env.DB.batch.bind(env.DB);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = false;
    // The alarm's write of seq 2 is slow to reach D1 (a stalled connection)...
    vi.spyOn(env.DB, "batch").mockImplementation(async (statements) => {
      if (holding) return batch(statements);
      holding = true;
      await held;
      return batch(statements);
    });
    await stub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: { name: "accept" } });
    await waitFor(async () => holding);
    // ...while seq 3 is committed and a redrive writes seq 2 and 3 together.
    const assign = { name: "assign" as const, departmentId: "pl-housing", coDepartmentIds: [] };
    await stub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: assign });
    await stub.redrive();
    expect((await inD1(caseId)).row).toEqual({ status: "assigned", last_seq: 3 });
    release();
    await drain(stub);
    expect(await inD1(caseId)).toEqual({
      row: { status: "assigned", last_seq: 3 },
      eventIds: [`${caseId}-1`, `${caseId}-2`, `${caseId}-3`],
    });
    const row = await env.DB.prepare("SELECT department_id, accepted_at, assigned_at FROM cases WHERE case_id = ?")
      .bind(caseId)
      .first<{ department_id: string; assigned_at: string | null }>();
    expect(row?.department_id).toBe("pl-housing");
    expect(row?.assigned_at).not.toBeNull();
  });
});
