import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import entry from "../src/index";
import { ConsoleClient } from "./console";
import { submitCase, waitFor } from "./helpers";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<AssignmentEnv>, "queue">> = entry;

async function deliver(bodies: unknown[]) {
  const batch = createMessageBatch(
    "case-intake",
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(1000 + i), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

const stateOf = (caseId: string) => caseRecordStub(env, caseId).read();

describe("screening and routing of new cases", () => {
  it("routes by the 派单目录: category and region to a department", async () => {
    const message = await submitCase();
    expect((await deliver([message])).explicitAcks).toEqual(["m0"]);
    expect(await stateOf(message.caseId)).toMatchObject({ status: "assigned", departmentId: "pl-housing" });
  });

  it("accepts and assigns in one object command, and a console change to the 派单目录 applies to the next message", async () => {
    const first = await submitCase({ category: "health", regionCode: "620823", phone: "13900000021" });
    const calls = vi.spyOn(env.CASE_RECORD, "getByName");
    await deliver([first]);
    // One call to read nothing and decide nothing: the read model and the configuration come from D1.
    expect(calls).toHaveBeenCalledTimes(1);
    calls.mockRestore();
    const log = await caseRecordStub(env, first.caseId).events();
    expect(log.map((e) => e.type)).toEqual(["case.submitted", "case.accepted", "case.assigned"]);
    expect(log[1]?.at).toBe(log[2]?.at); // committed together
    expect(await stateOf(first.caseId)).toMatchObject({ status: "assigned", departmentId: "pl-health" });

    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    const saved = await admin.post("/console/admin/routing", {
      category: "health",
      regionCode: "620823",
      departmentId: "chongxin",
    });
    expect(saved.status).toBe(303);
    const next = await submitCase({ category: "health", regionCode: "620823", phone: "13900000022" });
    await deliver([next]);
    expect(await stateOf(next.caseId)).toMatchObject({ status: "assigned", departmentId: "chongxin" });
  });

  it("prefers an exact region's rule over the catch-all", async () => {
    const message = await submitCase({ category: "transport", regionCode: "620826", phone: "13900000011" });
    await deliver([message]);
    expect(await stateOf(message.caseId)).toMatchObject({ status: "assigned", departmentId: "jingning" });
  });

  it("sends a leader's mailbox to that leader's office", async () => {
    const message = await submitCase({ addressee: "mayor", phone: "13900000001" });
    await deliver([message]);
    expect(await stateOf(message.caseId)).toMatchObject({ status: "assigned", departmentId: "pl-mayor-office" });
  });

  it("routes a message without a category by the classifier when it is confident", async () => {
    const message = await submitCase({ category: undefined, phone: "13900000002" });
    await deliver([message]);
    expect(await stateOf(message.caseId)).toMatchObject({
      status: "assigned",
      category: "urban_rural",
      departmentId: "pl-housing",
    });
  });

  it("leaves a message the classifier is unsure of for the dispatcher, with its suggestions on the desk", async () => {
    const message = await submitCase({
      category: undefined,
      phone: "13900000012",
      title: "请问这个事情怎么办",
      body: "你好，想咨询一下相关的办理流程和需要准备的材料，谢谢。",
    });
    await deliver([message]);
    expect(await stateOf(message.caseId)).toMatchObject({ status: "accepted", category: null, departmentId: null });
    const { ConsoleClient } = await import("./console");
    const page = await (
      await (await ConsoleClient.signIn("dispatcher")).get(`/console/cases/${message.trackingNo}`)
    ).text();
    expect(page).toContain("系统建议");
  });

  it("holds a message with a listed word and refuses obvious spam with a reason", async () => {
    const held = await submitCase({
      title: "代开发票联系我们",
      body: "各类发票代开，价格优惠，欢迎联系。",
      phone: "13900000003",
    });
    const spam = await submitCase({ title: "啊啊啊啊啊啊", body: "啊啊啊啊啊啊啊啊啊啊啊啊", phone: "13900000004" });
    await deliver([held, spam]);
    expect(await stateOf(held.caseId)).toMatchObject({ status: "held" });
    expect(await stateOf(spam.caseId)).toMatchObject({
      status: "rejected",
      statusReason: expect.stringContaining("重复"),
    });
  });

  it("links the same text from the same phone within 24 hours instead of opening a second case", async () => {
    const first = await submitCase({ phone: "13900000005" });
    await deliver([first]);
    const again = await submitCase({ phone: "13900000005", title: "柳湖街道小区路灯 不亮！" });
    await deliver([again]);
    expect(await stateOf(again.caseId)).toMatchObject({ status: "merged", mergedInto: first.trackingNo });
    expect(await stateOf(first.caseId)).toMatchObject({ status: "assigned" });
  });

  it("leaves demo seed cases to the seed", async () => {
    const seeded = await submitCase({ phone: "13900000006" }, "seed");
    await deliver([seeded]);
    expect(await stateOf(seeded.caseId)).toMatchObject({ status: "submitted" });
  });
});

describe("at-least-once delivery", () => {
  it("a replayed message and a shuffled, duplicated batch end in the state of one in-order delivery", async () => {
    const a = await submitCase({ phone: "13900000007" });
    const b = await submitCase({
      phone: "13900000008",
      category: "health",
      title: "卫生院看病排队太久",
      body: "卫生院只有一个挂号窗口，排队要两个小时。",
    });
    await deliver([b, a, b, a, a]);
    await deliver([a]);
    for (const m of [a, b]) {
      const events = await caseRecord(env, m.caseId).events();
      expect(events.map((e) => e.type)).toEqual(["case.submitted", "case.accepted", "case.assigned"]);
    }
  });

  it("sends an unparseable message to the dead letters and still handles the rest of the batch", async () => {
    const dead = vi.spyOn(env.DEAD_LETTERS, "send").mockResolvedValue(undefined as never);
    const message = await submitCase({ phone: "13900000009" });
    const result = await deliver([{ v: 99, junk: true }, message]);
    expect(result.explicitAcks).toEqual(["m0", "m1"]);
    expect(dead).toHaveBeenCalledTimes(1);
    expect(await stateOf(message.caseId)).toMatchObject({ status: "assigned" });
    dead.mockRestore();
  });

  it("retries a message whose case is not yet in the read model, alone", async () => {
    const result = await deliver([
      {
        v: 1,
        kind: "case.submitted",
        eventId: "ghost-1",
        caseId: "ghost",
        trackingNo: "X",
        submittedAt: "2026-03-02T01:00:00.000Z",
      },
    ]);
    // No such case in its object: nothing to do, acknowledged.
    expect(result.explicitAcks).toEqual(["m0"]);
    await env.DB.exec("ALTER TABLE config_version RENAME TO config_version_away");
    try {
      const message = await submitCase({ phone: "13900000010" });
      const failing = await deliver([message]);
      expect(failing.retryMessages.map((m) => m.msgId)).toEqual(["m0"]);
      expect(await stateOf(message.caseId)).toMatchObject({ status: "submitted" });
    } finally {
      await env.DB.exec("ALTER TABLE config_version_away RENAME TO config_version");
    }
  });
});

describe("near-duplicates", () => {
  it("offers the dispatcher a merge with an earlier message about the same problem from another citizen", async () => {
    const body = "西大街夜市每天晚上油烟很大，噪音到凌晨一点，周边居民无法休息，请城管部门规范夜市经营时间和区域。";
    const first = await submitCase({
      title: "西大街夜市油烟扰民",
      body,
      category: undefined,
      regionCode: "620821",
      phone: "13900000301",
    });
    await deliver([first]);
    const second = await submitCase({
      title: "反映西大街夜市油烟扰民问题",
      body: `${body}谢谢！`,
      category: undefined,
      regionCode: "620821",
      phone: "13900000302",
    });
    await deliver([second]);
    const rows = await env.DB.prepare(
      "SELECT candidate_tracking_no, similarity_pct FROM duplicate_suggestions WHERE case_id = ?",
    )
      .bind(second.caseId)
      .all<{ candidate_tracking_no: string; similarity_pct: number }>();
    expect(rows.results.map((r) => r.candidate_tracking_no)).toEqual([first.trackingNo]);
    expect(rows.results[0]?.similarity_pct).toBeGreaterThanOrEqual(60);
    expect(await stateOf(second.caseId)).toMatchObject({ status: "accepted" }); // offered, not forced

    const { ConsoleClient } = await import("./console");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    const page = await (await dispatcher.get(`/console/cases/${second.trackingNo}`)).text();
    expect(page).toContain("可能重复的留言");
    expect((await dispatcher.act(second.trackingNo, "merge", { intoTrackingNo: first.trackingNo })).status).toBe(303);
    expect(await stateOf(second.caseId)).toMatchObject({ status: "merged", mergedInto: first.trackingNo });
  });

  it("no longer offers a case merged since, and finds the others through the region's index alone", async () => {
    const toilet = {
      title: "柳湖公园厕所无人清扫",
      body: "柳湖公园东门公厕长期无人清扫，异味很重，夏天苍蝇很多，请环卫部门安排专人保洁，定期检查。",
      regionCode: "620822",
    };
    const first = await submitCase({ ...toilet, phone: "13900000311" });
    const second = await submitCase({ ...toilet, title: `再次反映：${toilet.title}`, phone: "13900000312" });
    await deliver([first]);
    await deliver([second]);
    const merge = await caseRecord(env, second.caseId).execute({
      idempotencyKey: `${second.caseId}-merge`,
      actor: { role: "dispatcher", userId: "dispatcher", departmentId: "pl-office" },
      command: { name: "merge", intoTrackingNo: first.trackingNo },
    });
    expect(merge.status).toBe("merged");
    await waitFor(() =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = 'merged'").bind(second.caseId).first(),
    );
    const index = env.NEAR_DUPLICATES.getByName("620822");
    expect((await index.size()).signatures).toBe(2);

    const third = await submitCase({ ...toilet, body: `${toilet.body}谢谢！`, phone: "13900000313" });
    await deliver([third]);
    await deliver([third]); // redelivered: nothing twice
    const rows = await env.DB.prepare("SELECT candidate_tracking_no FROM duplicate_suggestions WHERE case_id = ?")
      .bind(third.caseId)
      .all<{ candidate_tracking_no: string }>();
    expect(rows.results.map((r) => r.candidate_tracking_no)).toEqual([first.trackingNo]);
    expect((await index.size()).signatures).toBe(2); // the merged case forgotten, the new one recorded once
    const legacy = await env.DB.prepare("SELECT count(*) AS n FROM minhash_signatures WHERE case_id = ?")
      .bind(third.caseId)
      .first<{ n: number }>();
    expect(legacy?.n).toBe(0);
  });
});
