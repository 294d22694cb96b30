import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import type { StoredEvent } from "../../../shared/domain/events";
import type { CaseRecord } from "../src/case-record/case-record.do";
import { MAX_OUTBOX_ATTEMPTS } from "../src/case-record/outbox";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const dispatcher: Actor = { role: "dispatcher", userId: "d1", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "h1", departmentId: "pl-housing" };

async function submitted() {
  const caseId = uniqueKey("case");
  const stub = caseRecordStub(env, caseId);
  const result = await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission: SUBMISSION });
  if (!result.ok) throw new Error(result.error.code);
  return { caseId, stub, receipt: result.value };
}

async function eventsOf(stub: DurableObjectStub<CaseRecord>): Promise<StoredEvent[]> {
  return await stub.events();
}

async function outboxRows(stub: DurableObjectStub, target?: string) {
  return runInDurableObject(stub, (_instance, state) =>
    state.storage.sql
      .exec<{ target: string; attempts: number }>(
        `SELECT target, attempts FROM outbox${target ? " WHERE target = ?" : ""}`,
        ...(target ? [target] : []),
      )
      .toArray(),
  );
}

async function d1EventCount(caseId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE case_id = ?")
    .bind(caseId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("CaseRecord", () => {
  it("keeps seq gap-free and ordered under concurrent commands", async () => {
    const { stub } = await submitted();
    const commands: [Actor, CaseCommand][] = [];
    for (let i = 0; i < 5; i++) {
      commands.push(
        [dispatcher, { name: "accept" }],
        [dispatcher, { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] }],
        [handler, { name: "acknowledge" }],
      );
    }
    const results = await Promise.all(
      commands.map(([actor, command], i) => stub.execute({ idempotencyKey: uniqueKey(`c${i}`), actor, command })),
    );
    const succeeded = results.filter((r) => r.ok).length;
    const events = await eventsOf(stub);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1 + succeeded }, (_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      "case.submitted",
      "case.accepted",
      "case.assigned",
      "case.acknowledged",
    ]);
    expect(await stub.verify()).toMatchObject({ ok: true, length: 4 });
  });

  it("answers a replayed command with the first result and appends nothing", async () => {
    const { stub } = await submitted();
    const key = uniqueKey("accept");
    const first = await stub.execute({ idempotencyKey: key, actor: dispatcher, command: { name: "accept" } });
    const again = await stub.execute({ idempotencyKey: key, actor: dispatcher, command: { name: "accept" } });
    expect(first).toEqual({ ok: true, value: { seq: 2, status: "accepted" }, replayed: false });
    expect(again).toEqual({ ok: true, value: { seq: 2, status: "accepted" }, replayed: true });
    expect((await eventsOf(stub)).length).toBe(2);

    const reused = await stub.execute({
      idempotencyKey: key,
      actor: dispatcher,
      command: { name: "reject", reason: "重复" },
    });
    expect(reused).toMatchObject({ ok: false, error: { status: 422, code: "idempotency_conflict" } });
    expect((await eventsOf(stub)).length).toBe(2);
  });

  it("commits a command and its follow-ups together, or none of them when one is refused", async () => {
    const { stub } = await submitted();
    const refused = await stub.execute({
      idempotencyKey: uniqueKey("triage"),
      actor: dispatcher,
      command: { name: "accept" },
      followUps: [{ name: "accept" }], // accepted twice: an invalid transition
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid_transition" } });
    expect((await eventsOf(stub)).length).toBe(1);
    expect((await stub.read())?.status).toBe("submitted");

    const key = uniqueKey("triage");
    const both = {
      idempotencyKey: key,
      actor: dispatcher,
      command: { name: "accept" as const },
      followUps: [{ name: "assign" as const, departmentId: "pl-housing", coDepartmentIds: [] }],
    };
    expect(await stub.execute(both)).toEqual({ ok: true, value: { seq: 3, status: "assigned" }, replayed: false });
    expect(await stub.execute(both)).toEqual({ ok: true, value: { seq: 3, status: "assigned" }, replayed: true });
    expect((await eventsOf(stub)).map((e) => e.type)).toEqual(["case.submitted", "case.accepted", "case.assigned"]);
    expect(await stub.verify()).toMatchObject({ ok: true, length: 3 });
  });

  it("answers a replayed submission with the identical receipt, including the query code", async () => {
    const { caseId, stub, receipt } = await submitted();
    const again = await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission: SUBMISSION });
    expect(again).toEqual({ ok: true, value: receipt, replayed: true });
    const changed = await stub.submit({
      caseId,
      channel: "api",
      idempotencyKey: caseId,
      submission: { ...SUBMISSION, title: "另一个标题内容" },
    });
    expect(changed).toMatchObject({ ok: false, error: { code: "idempotency_conflict" } });
    expect((await eventsOf(stub)).length).toBe(1);
  });

  it("refuses a transition the state machine or the role does not allow, and appends nothing", async () => {
    const { stub } = await submitted();
    const wrongState = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: handler,
      command: { name: "acknowledge" },
    });
    expect(wrongState).toMatchObject({ ok: false, error: { status: 403 } }); // a handler of no holding department
    const citizenAccept = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: { role: "citizen" },
      command: { name: "accept" },
    });
    expect(citizenAccept).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const closeEarly = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "close" },
    });
    expect(closeEarly).toMatchObject({ ok: false, error: { status: 409, code: "invalid_transition" } });
    const malformed = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "assign", departmentId: "", status: "closed" } as never,
    });
    expect(malformed).toMatchObject({ ok: false, error: { status: 400, code: "invalid_command" } });
    expect((await eventsOf(stub)).length).toBe(1);
  });

  it("projects every event to D1 and empties its outbox", async () => {
    const { caseId, stub, receipt } = await submitted();
    await stub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: { name: "accept" } });
    await waitFor(async () => (await outboxRows(stub)).length === 0);
    expect(await d1EventCount(caseId)).toBe(2);
    const row = await env.DB.prepare("SELECT status, tracking_no, receipt_hash, last_seq FROM cases WHERE case_id = ?")
      .bind(caseId)
      .first();
    expect(row).toEqual({
      status: "accepted",
      tracking_no: receipt.trackingNo,
      receipt_hash: receipt.receiptHash,
      last_seq: 2,
    });
  });

  it("keeps the event in the outbox while D1 fails and delivers it exactly once later", async () => {
    await env.DB.exec("ALTER TABLE case_events RENAME TO case_events_away");
    let caseId = "";
    let stub: DurableObjectStub<CaseRecord>;
    try {
      ({ caseId, stub } = await submitted());
      const stuck = await waitFor(async () => {
        const rows = await outboxRows(stub, "d1");
        return rows.length === 1 && (rows[0]?.attempts ?? 0) >= 1 ? rows : null;
      });
      expect(stuck).toHaveLength(1);
      expect(await env.DB.prepare("SELECT count(*) AS n FROM cases WHERE case_id = ?").bind(caseId).first("n")).toBe(0);
    } finally {
      await env.DB.exec("ALTER TABLE case_events_away RENAME TO case_events");
    }
    await runDurableObjectAlarm(stub);
    await waitFor(async () => (await outboxRows(stub)).length === 0);
    await runDurableObjectAlarm(stub); // a late, extra alarm changes nothing
    expect(await d1EventCount(caseId)).toBe(1);
    expect(await env.DB.prepare("SELECT status FROM cases WHERE case_id = ?").bind(caseId).first("status")).toBe(
      "submitted",
    );
  });

  it("delivers a stuck outbox when redriven, after its alarm chain died", async () => {
    await env.DB.exec("ALTER TABLE case_events RENAME TO case_events_away");
    let caseId = "";
    let stub: DurableObjectStub<CaseRecord>;
    try {
      ({ caseId, stub } = await submitted());
      await waitFor(async () => ((await outboxRows(stub, "d1"))[0]?.attempts ?? 0) >= 1);
    } finally {
      await env.DB.exec("ALTER TABLE case_events_away RENAME TO case_events");
    }
    // The alarm is gone (an outage of the alarm system, a bug): nothing would ever drain the outbox.
    await runInDurableObject(stub, (_instance, state) => state.storage.deleteAlarm());
    expect(await d1EventCount(caseId)).toBe(0);
    expect(await stub.redrive()).toEqual({ pending: 0, lastError: null });
    expect(await d1EventCount(caseId)).toBe(1);
    expect(await stub.redrive()).toEqual({ pending: 0, lastError: null }); // twice changes nothing
    expect(await d1EventCount(caseId)).toBe(1);
  });

  it("hands an entry that keeps failing to the failed-work page, stops retrying it, and delivers it when redriven", async () => {
    await env.DB.exec("ALTER TABLE case_events RENAME TO case_events_away");
    let caseId = "";
    let stub: DurableObjectStub<CaseRecord>;
    const nextAttempt = async () =>
      runInDurableObject(
        stub,
        (_i, state) =>
          state.storage.sql.exec<{ at: number }>("SELECT next_attempt_at AS at FROM outbox WHERE target = 'd1'").one()
            .at,
      );
    try {
      ({ caseId, stub } = await submitted());
      await waitFor(async () => ((await outboxRows(stub, "d1"))[0]?.attempts ?? 0) >= 1);
      // An hour of failures later: its last try is due.
      await runInDurableObject(stub, (_i, state) =>
        state.storage.sql.exec(
          "UPDATE outbox SET attempts = ?, next_attempt_at = 0 WHERE target = 'd1'",
          MAX_OUTBOX_ATTEMPTS - 1,
        ),
      );
      await runDurableObjectAlarm(stub);
      expect((await outboxRows(stub, "d1"))[0]?.attempts).toBe(MAX_OUTBOX_ATTEMPTS);
      expect(await nextAttempt()).toBe(-1); // parked: no alarm tries it again
      await runDurableObjectAlarm(stub);
      expect((await outboxRows(stub, "d1"))[0]?.attempts).toBe(MAX_OUTBOX_ATTEMPTS);
      const letter = await env.DB.prepare(
        "SELECT queue, body, attempts FROM dead_letters WHERE json_extract(body, '$.caseId') = ?",
      )
        .bind(caseId)
        .first<{ queue: string; body: string; attempts: number }>();
      expect(letter).toEqual({
        queue: "outbox",
        body: JSON.stringify({ caseId, target: "d1" }),
        attempts: MAX_OUTBOX_ATTEMPTS,
      });
    } finally {
      await env.DB.exec("ALTER TABLE case_events_away RENAME TO case_events");
    }
    expect(await stub.redrive()).toEqual({ pending: 0, lastError: null });
    expect(await d1EventCount(caseId)).toBe(1);
  });

  it("reports the first broken seq when a stored event is tampered with", async () => {
    const { stub } = await submitted();
    await stub.execute({ idempotencyKey: uniqueKey(), actor: dispatcher, command: { name: "accept" } });
    await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] },
    });
    expect(await stub.verify()).toMatchObject({ ok: true, length: 3 });
    await runInDurableObject(stub, (_instance, state) => {
      state.storage.sql.exec(`UPDATE events SET payload = '{"category":"environment"}' WHERE seq = 2`);
    });
    expect(await stub.verify()).toMatchObject({ ok: false, brokenSeq: 2 });
  });
});
