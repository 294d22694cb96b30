import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { freshIp, SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const office: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "h", departmentId: "pl-housing" };
const speaker: Actor = { role: "spokesperson", userId: "s", departmentId: "pl-housing" };

/** A case answered an hour ago (inside the 7-day rating window), with its tracking number and query code. */
async function repliedCase(): Promise<{ caseId: string; trackingNo: string; queryCode: string }> {
  const caseId = uniqueKey("rating");
  const stub = caseRecordStub(env, caseId);
  const at = new Date(Date.now() - 3600_000).toISOString();
  const submitted = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: SUBMISSION,
    now: at,
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  const steps: [Actor, CaseCommand][] = [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] }],
    [handler, { name: "acknowledge" }],
    [handler, { name: "draftReply", text: "经核实，路灯已于本周修复，感谢监督。", outcome: "resolved" }],
    [speaker, { name: "publishReply", spokesperson: { name: "李明", title: "新闻发言人" }, draftedAt: at }],
  ];
  for (const [actor, command] of steps) {
    const r = await stub.execute({ idempotencyKey: uniqueKey(), actor, command, now: at });
    if (!r.ok) throw new Error(`${command.name}: ${r.error.code}`);
  }
  const { trackingNo, queryCode } = submitted.value;
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM cases WHERE tracking_no = ? AND status = 'replied'").bind(trackingNo).first(),
  );
  return { caseId, trackingNo, queryCode };
}

// RPC return types of a durable object flatten to `never` for JSON payloads; the log is StoredEvent[].
const eventsOf = async (caseId: string) => await caseRecord(env, caseId).events();

const post = (path: string, init: { headers?: Record<string, string>; body: string }) =>
  exports.default.fetch(
    new Request(`http://wz.test${path}`, {
      method: "POST",
      headers: { "cf-connecting-ip": freshIp(), ...init.headers },
      body: init.body,
    }),
  );
const json = (body: unknown, queryCode: string, key = uniqueKey()) => ({
  headers: { "content-type": "application/json", "idempotency-key": key, "x-query-code": queryCode },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("the citizen's rating and redo (API)", () => {
  it("rates once with the query code; a retry with the same key lands once; a second rating is refused", async () => {
    const c = await repliedCase();
    const key = uniqueKey();
    const first = await post(
      `/api/v1/cases/${c.trackingNo}/rating`,
      json({ resolution: "partly_solved", rating: "basically_satisfied", comment: "基本解决" }, c.queryCode, key),
    );
    expect(first.status).toBe(200);
    const retry = await post(
      `/api/v1/cases/${c.trackingNo}/rating`,
      json({ resolution: "partly_solved", rating: "basically_satisfied", comment: "基本解决" }, c.queryCode, key),
    );
    expect(await retry.json()).toEqual(await first.json());
    const again = await post(
      `/api/v1/cases/${c.trackingNo}/rating`,
      json({ resolution: "solved", rating: "satisfied" }, c.queryCode),
    );
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("already_rated");
    const events = await eventsOf(c.caseId);
    expect(events.filter((e) => e.type === "case.rated").map((e) => e.payload)).toEqual([
      { resolution: "partly_solved", rating: "basically_satisfied", comment: "基本解决" },
    ]);
  });

  it("refuses a wrong query code, a bad body, and a redo before a dissatisfied rating — changing nothing", async () => {
    const c = await repliedCase();
    const before = (await eventsOf(c.caseId)).length;
    expect(
      (
        await post(
          `/api/v1/cases/${c.trackingNo}/rating`,
          json({ resolution: "solved", rating: "satisfied" }, "WRONG123"),
        )
      ).status,
    ).toBe(403);
    const bad = await post(
      `/api/v1/cases/${c.trackingNo}/rating`,
      json({ resolution: "yes", rating: "satisfied", status: "closed" }, c.queryCode),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    const redo = await post(`/api/v1/cases/${c.trackingNo}/redo`, json({ reason: "没有解决" }, c.queryCode));
    expect(redo.status).toBe(409);
    expect((await eventsOf(c.caseId)).length).toBe(before);
  });

  it("dissatisfied → one redo: the case goes back to the dispatcher with a new round; a second redo is refused", async () => {
    const c = await repliedCase();
    expect(
      (
        await post(
          `/api/v1/cases/${c.trackingNo}/rating`,
          json({ resolution: "not_solved", rating: "dissatisfied" }, c.queryCode),
        )
      ).status,
    ).toBe(200);
    const redo = await post(`/api/v1/cases/${c.trackingNo}/redo`, json({ reason: "路灯仍然不亮" }, c.queryCode));
    expect(await redo.json()).toMatchObject({ status: "reopened" });
    const state = await caseRecordStub(env, c.caseId).read();
    expect(state).toMatchObject({ status: "reopened", reopenCount: 1, rating: "dissatisfied" });
  });
});

describe("the citizen's rating and redo (forms)", () => {
  it("the own view offers the rating form; a missing choice re-renders with messages and appends nothing", async () => {
    const c = await repliedCase();
    const page = await post("/lookup", form({ trackingNo: c.trackingNo, queryCode: c.queryCode }));
    const html = await page.text();
    expect(html).toContain(`action="/cases/${c.trackingNo}/rating"`);
    expect(html).not.toContain(`action="/cases/${c.trackingNo}/redo"`);
    const before = (await eventsOf(c.caseId)).length;
    const invalid = await post(
      `/cases/${c.trackingNo}/rating`,
      form({ queryCode: c.queryCode, formKey: crypto.randomUUID(), rating: "satisfied" }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("请选择问题是否已解决");
    expect((await eventsOf(c.caseId)).length).toBe(before);
  });

  it("a dissatisfied rating offers the redo form at once, and the redo goes through", async () => {
    const c = await repliedCase();
    const rated = await post(
      `/cases/${c.trackingNo}/rating`,
      form({
        queryCode: c.queryCode,
        formKey: crypto.randomUUID(),
        resolution: "not_solved",
        rating: "dissatisfied",
        comment: "",
      }),
    );
    expect(rated.status).toBe(200);
    const html = await rated.text();
    expect(html).toContain("感谢您的评价");
    expect(html).toContain(`action="/cases/${c.trackingNo}/redo"`);
    const redo = await post(
      `/cases/${c.trackingNo}/redo`,
      form({ queryCode: c.queryCode, formKey: crypto.randomUUID(), reason: "路灯仍然不亮" }),
    );
    expect(await redo.text()).toContain("已申请重办");
    expect((await caseRecordStub(env, c.caseId).read())?.status).toBe("reopened");
  });

  it("a wrong query code gets no form and changes nothing", async () => {
    const c = await repliedCase();
    const res = await post(
      `/cases/${c.trackingNo}/rating`,
      form({ queryCode: "WRONG123", formKey: crypto.randomUUID(), resolution: "solved", rating: "satisfied" }),
    );
    expect(res.status).toBe(403);
    expect((await caseRecordStub(env, c.caseId).read())?.rating).toBeNull();
  });
});

describe("the citizen stops their notifications", () => {
  const optOuts = () => env.DB.prepare("SELECT count(*) AS n FROM notification_optouts").first<number>("n");

  it("from their own page: the phone goes on the opt-out list (by digest), once", async () => {
    const c = await repliedCase();
    const page = await (await post("/lookup", form({ trackingNo: c.trackingNo, queryCode: c.queryCode }))).text();
    expect(page).toContain(`action="/cases/${c.trackingNo}/notifications/stop"`);
    const stop = () =>
      post(`/cases/${c.trackingNo}/notifications/stop`, form({ queryCode: c.queryCode, formKey: crypto.randomUUID() }));
    const first = await stop();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("已退订");
    const after = await optOuts();
    await stop();
    expect(await optOuts()).toBe(after);
    const row = await env.DB.prepare("SELECT recipient_hash FROM notification_optouts WHERE channel = 'sms'").all();
    expect(JSON.stringify(row.results)).not.toContain(SUBMISSION.phone);
  });

  it("not with a wrong query code", async () => {
    const c = await repliedCase();
    const before = await optOuts();
    const res = await post(
      `/cases/${c.trackingNo}/notifications/stop`,
      form({ queryCode: "WRONG123", formKey: crypto.randomUUID() }),
    );
    expect(res.status).toBe(403);
    expect(await optOuts()).toBe(before);
  });
});
