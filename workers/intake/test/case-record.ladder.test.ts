import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "h", departmentId: "pl-housing" };
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

/** A complaint assigned on 2026-09-29 10:00 Beijing: reply due at the end of 2026-10-26 (15 working days over National Day). */
async function assignedComplaint() {
  const caseId = uniqueKey("ladder");
  const stub = caseRecordStub(env, caseId);
  const submitted = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: { ...SUBMISSION, type: "complaint" },
    now: bj("2026-09-29T09:00:00"),
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  const run = async (actor: Actor, command: Parameters<typeof stub.execute>[0]["command"], at: string) => {
    const r = await stub.execute({ idempotencyKey: uniqueKey(), actor, command, now: bj(at) });
    if (!r.ok) throw new Error(`${command.name}: ${r.error.code}`);
  };
  await run(dispatcher, { name: "accept" }, "2026-09-29T09:30:00");
  await run(dispatcher, { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] }, "2026-09-29T10:00:00");
  await run(handler, { name: "acknowledge" }, "2026-09-29T11:00:00");
  return { caseId, stub, run };
}

const escalations = async (stub: ReturnType<typeof caseRecordStub>) =>
  (await stub.events()).flatMap((e) => (e.type === "case.escalated" ? [e.payload.key] : []));

describe("the escalation ladder in the durable object", () => {
  it("applies each step once as time passes, and a missed cron applies all that came due, in order", async () => {
    const { caseId, stub } = await assignedComplaint();
    const projected = await waitFor(() =>
      env.DB.prepare("SELECT due_at, next_due_at FROM cases WHERE case_id = ?")
        .bind(caseId)
        .first<{ due_at: string; next_due_at: string }>(),
    );
    expect(projected.due_at).toBe(bj("2026-10-27T00:00:00"));

    expect(await stub.tick({ now: bj("2026-10-09T09:00:00") })).toMatchObject({ ok: true, value: { applied: [] } });
    expect(await stub.tick({ now: bj("2026-10-16T09:00:00") })).toMatchObject({
      value: { applied: ["reply:remind50:1"] },
    });
    expect(await stub.tick({ now: bj("2026-10-16T09:00:00") })).toMatchObject({ value: { applied: [] } }); // the same cron twice
    // Two crons missed: everything up to the 通报 comes due at once, each once, in time order.
    const late = await stub.tick({ now: bj("2026-11-03T09:00:00") });
    expect(late).toMatchObject({
      value: { applied: ["reply:remind75:1", "reply:urge:1", "reply:supervise:1", "reply:notice:1"] },
    });
    expect(await escalations(stub)).toEqual([
      "reply:remind50:1",
      "reply:remind75:1",
      "reply:urge:1",
      "reply:supervise:1",
      "reply:notice:1",
    ]);
    expect(await stub.verify()).toMatchObject({ ok: true });
    const record = await waitFor(() =>
      env.DB.prepare("SELECT department_id, stage, kind FROM accountability_records WHERE case_id = ?")
        .bind(caseId)
        .first(),
    );
    expect(record).toEqual({ department_id: "pl-housing", stage: "reply", kind: "notice" });
  });

  it("applies each step once when ticks run concurrently", async () => {
    const { stub } = await assignedComplaint();
    const results = await Promise.all(Array.from({ length: 6 }, () => stub.tick({ now: bj("2026-10-29T09:00:00") })));
    const applied = results.flatMap((r) => (r.ok ? r.value.applied : []));
    expect(applied.sort()).toEqual(["reply:remind50:1", "reply:remind75:1", "reply:supervise:1", "reply:urge:1"]);
    expect((await escalations(stub)).length).toBe(4);
  });

  it("moves the later steps when an extension is approved mid-ladder", async () => {
    const { stub, run } = await assignedComplaint();
    await stub.tick({ now: bj("2026-10-16T09:00:00") });
    await run(handler, { name: "requestExtension", reason: "需要协调供电公司", workingDays: 5 }, "2026-10-16T10:00:00");
    await run(dispatcher, { name: "decideExtension", approved: true }, "2026-10-16T11:00:00");
    // The old deadline (end of 10-26) has passed, the new one (end of 11-02) has not: no 催办 yet.
    expect(await stub.tick({ now: bj("2026-10-28T09:00:00") })).toMatchObject({
      value: { applied: ["reply:remind75:1"] },
    });
    expect(await stub.tick({ now: bj("2026-11-03T09:00:00") })).toMatchObject({ value: { applied: ["reply:urge:1"] } });
  });

  it("stops the reply ladder when the reply is published", async () => {
    const { stub, run } = await assignedComplaint();
    await run(
      handler,
      { name: "draftReply", text: "经核实，问题已于本周解决。", outcome: "resolved" },
      "2026-10-10T10:00:00",
    );
    await run(
      { role: "spokesperson", userId: "s", departmentId: "pl-housing" },
      { name: "publishReply", spokesperson: { name: "王建国", title: "副局长" }, draftedAt: bj("2026-10-10T10:00:00") },
      "2026-10-10T11:00:00",
    );
    const after = await stub.tick({ now: bj("2026-12-01T09:00:00") });
    expect(after.ok && after.value.applied.filter((k) => k.startsWith("reply:"))).toEqual([]);
  });

  it("moves the sweep's index past a deadline that has no ladder step, so the sweep does not name the case again", async () => {
    const caseId = uniqueKey("quiet");
    const stub = caseRecordStub(env, caseId);
    await stub.submit({
      caseId,
      channel: "api",
      idempotencyKey: caseId,
      submission: { ...SUBMISSION, type: "complaint" },
      now: bj("2026-09-29T09:00:00"),
    });
    await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "accept" },
      now: bj("2026-09-29T09:30:00"),
    });
    await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: dispatcher,
      command: { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] },
      now: bj("2026-09-29T10:00:00"),
    });
    // Never acknowledged: the 签收 deadline (end of 09-30) is the next thing due, and it has no ladder step.
    const projected = await waitFor(() =>
      env.DB.prepare("SELECT next_due_at FROM cases WHERE case_id = ?").bind(caseId).first<string>("next_due_at"),
    );
    expect(projected).toBe(bj("2026-10-01T00:00:00"));
    expect(await stub.tick({ now: bj("2026-10-09T09:00:00") })).toMatchObject({ ok: true, value: { applied: [] } });
    const moved = await waitFor(async () => {
      const v = await env.DB.prepare("SELECT next_due_at FROM cases WHERE case_id = ?")
        .bind(caseId)
        .first<string>("next_due_at");
      return v && v > bj("2026-10-09T09:00:00") ? v : null;
    });
    expect(moved).toBeTruthy();
  });

  it("refuses a return after its window", async () => {
    const { stub } = await assignedComplaint();
    const late = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: handler,
      command: { name: "returnCase", reason: "不属于本单位" },
      now: bj("2026-10-20T10:00:00"),
    });
    expect(late).toMatchObject({ ok: false, error: { code: "return_window_closed" } });
  });
});

describe("public notices (通报)", () => {
  it("lists a case that reached 通报, by department, tracking number and deadline, nothing personal", async () => {
    const { caseId, stub } = await assignedComplaint();
    await stub.tick({ now: bj("2026-11-03T09:00:00") });
    const trackingNo = await waitFor(() =>
      env.DB.prepare("SELECT tracking_no FROM accountability_records WHERE case_id = ?")
        .bind(caseId)
        .first<string>("tracking_no"),
    );
    const { exports } = await import("cloudflare:workers");
    const page = await (await exports.default.fetch("http://intake.test/notices")).text();
    expect(page).toContain(`/cases/${trackingNo}`);
    expect(page).toContain("平凉市住房和城乡建设局");
    expect(page).not.toContain(SUBMISSION.phone);
  });
});

describe("rules pinned at submission", () => {
  it("keeps a running case's deadline when an admin later edits the rule", async () => {
    const { caseId } = await assignedComplaint();
    const before = await waitFor(() =>
      env.DB.prepare("SELECT due_at FROM cases WHERE case_id = ?").bind(caseId).first<string>("due_at"),
    );
    await env.DB.prepare("UPDATE time_limit_rules SET limit_value = 3 WHERE id = 'complaint-reply'").run();
    try {
      const stub = caseRecordStub(env, caseId);
      expect(await stub.tick({ now: bj("2026-10-09T09:00:00") })).toMatchObject({ value: { applied: [] } });
      const view = await caseRecord(env, caseId).staffView();
      expect(view?.clocks.replyDueAt).toBe(before);
      // The rule the case runs on is its own copy, taken at submission.
      const pinned = await runInDurableObject(
        stub,
        (_i, state) =>
          JSON.parse(state.storage.sql.exec<{ rules: string }>("SELECT rules FROM pinned_rules").one().rules) as {
            id: string;
            limitValue: number;
          }[],
      );
      expect(pinned.find((r) => r.id === "complaint-reply")?.limitValue).toBe(15);
    } finally {
      await env.DB.prepare("UPDATE time_limit_rules SET limit_value = 15 WHERE id = 'complaint-reply'").run();
    }
  });
});

describe("the public view of a late case", () => {
  it("shows the reply due date and marks it overdue", async () => {
    const { caseId } = await assignedComplaint();
    const trackingNo = await waitFor(() =>
      env.DB.prepare("SELECT tracking_no FROM cases WHERE case_id = ?").bind(caseId).first<string>("tracking_no"),
    );
    const { exports } = await import("cloudflare:workers");
    const view = (await (
      await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`)
    ).json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      dueAt: "2026-10-27T00:00:00+08:00",
      overdue: true,
      dueStatus: "overdue",
      department: { id: "pl-housing" },
    });
    const page = await (await exports.default.fetch(`http://intake.test/cases/${trackingNo}`)).text();
    expect(page).toContain("2026-10-27 00:00");
    expect(page).toContain("已超期");
  });
});

describe("closing at the end of the rating window", () => {
  const speaker: Actor = { role: "spokesperson", userId: "s", departmentId: "pl-housing" };
  const answered = async () => {
    const c = await assignedComplaint();
    await c.run(
      handler,
      { name: "draftReply", text: "经核实，路灯已于本周修复，感谢监督。", outcome: "resolved" },
      "2026-10-09T10:00:00",
    );
    await c.run(
      speaker,
      {
        name: "publishReply",
        spokesperson: { name: "李明", title: "新闻发言人" },
        draftedAt: bj("2026-10-09T10:00:00"),
      },
      "2026-10-09T11:00:00",
    );
    return c;
  };

  it("closes a case nobody rated as unrated, once, after the 7 days — and the sweep is told when", async () => {
    const { caseId, stub } = await answered();
    const projected = await waitFor(() =>
      env.DB.prepare("SELECT next_due_at FROM cases WHERE case_id = ? AND status = 'replied'")
        .bind(caseId)
        .first<{ next_due_at: string }>(),
    );
    // Seven calendar days after the reply, to the end of the seventh day.
    expect(projected.next_due_at).toBe(bj("2026-10-17T00:00:00"));
    expect(await stub.tick({ now: bj("2026-10-16T23:59:00") })).toMatchObject({ value: { applied: [] } });
    expect(await stub.tick({ now: bj("2026-10-17T00:00:00") })).toMatchObject({
      value: { applied: ["case.closed"], nextDueAt: null },
    });
    expect(await stub.tick({ now: bj("2026-10-17T11:00:00") })).toMatchObject({ value: { applied: [] } });
    expect(await stub.read()).toMatchObject({ status: "closed", rating: "unrated" });
    const closes = (await stub.events()).filter((e) => e.type === "case.closed");
    expect(closes.map((e) => e.payload)).toEqual([{ outcome: "resolved", rating: "unrated" }]);
  });

  it("keeps a rated case open for a redo until the window ends, then closes it with its rating", async () => {
    const { stub, run } = await answered();
    await run({ role: "citizen" }, { name: "rate", resolution: "solved", rating: "satisfied" }, "2026-10-10T09:00:00");
    expect(await stub.tick({ now: bj("2026-10-12T09:00:00") })).toMatchObject({ value: { applied: [] } });
    expect(await stub.tick({ now: bj("2026-10-17T09:00:00") })).toMatchObject({ value: { applied: ["case.closed"] } });
    expect(await stub.read()).toMatchObject({ status: "closed", rating: "satisfied", resolution: "solved" });
    // After the window the citizen can no longer ask for a redo.
    const redo = await stub.execute({
      idempotencyKey: uniqueKey(),
      actor: { role: "citizen" },
      command: { name: "reopen", reason: "又坏了" },
      now: bj("2026-10-18T09:00:00"),
    });
    expect(redo).toMatchObject({ ok: false });
  });
});
