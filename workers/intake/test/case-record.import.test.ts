import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { ImportCaseInput } from "../../../shared/case-record/contract";
import { caseIdFor } from "../../../shared/domain/ids";
import type { ImportItem } from "../../../shared/import/import-item.schema";
import { uniqueKey, waitFor } from "./fixtures";

const SPOKESPERSON = { name: "张明", title: "平凉市住房和城乡建设局副局长、网络发言人" };
const AS_OF = "2026-12-01T12:00:00+08:00";

/** A message written on a Monday morning of 2019, answered 40 days later (the limit is far shorter). */
const ITEM: ImportItem = {
  messageId: "188006",
  submittedAt: "2019-03-04T10:15:00+08:00",
  type: "complaint",
  title: "崆峒区某小区物业乱收停车费",
  body: "小区物业自去年起对业主车辆收取高额停车费，且无任何收费公示，请相关部门调查处理。",
  regionCode: "620802",
  supporters: 12,
  reply: {
    text: "经调查，该小区停车收费未按规定公示，已责令物业公司整改并退还多收费用。",
    at: "2019-04-13T16:00:00+08:00",
  },
};

function importInput(item: ImportItem = ITEM, extra: Partial<ImportCaseInput> = {}): ImportCaseInput {
  const source = "test-board";
  return {
    caseId: caseIdFor(`import:${source}`, `${item.messageId}-${uniqueKey()}`),
    source,
    item,
    departmentId: "pl-housing",
    spokesperson: SPOKESPERSON,
    asOf: AS_OF,
    ...extra,
  };
}

describe("a board's message imported into its case object", () => {
  it("replays the history at its own times: ladder steps at their due times, reply, closed unrated", async () => {
    const input = importInput();
    const stub = caseRecordStub(env, input.caseId);
    const result = await stub.importCase(input);
    expect(result.ok && result.value.status).toBe("closed");
    const events = await stub.events();
    const types = events.map((e) => e.type);
    expect(types.slice(0, 5)).toEqual([
      "case.submitted",
      "case.accepted",
      "case.assigned",
      "case.acknowledged",
      "case.supported",
    ]);
    expect(types.slice(-3)).toEqual(["case.reply_drafted", "case.reply_published", "case.closed"]);
    expect(events[0]?.at).toBe("2019-03-04T02:15:00.000Z");
    // Late by weeks: the ladder ran, each step dated when it fell due, all before the reply.
    const ladder = events.filter((e) => e.type === "case.escalated");
    expect(ladder.length).toBeGreaterThan(0);
    for (const step of ladder) {
      expect(step.type === "case.escalated" && step.at).toBe(step.type === "case.escalated" && step.payload.fellDueAt);
      expect(step.at < "2019-04-13T08:00:00.000Z").toBe(true);
    }
    const published = events.find((e) => e.type === "case.reply_published");
    expect(published?.at).toBe("2019-04-13T08:00:00.000Z");
    expect(published?.type === "case.reply_published" && published.payload.spokesperson).toEqual(SPOKESPERSON);
    const closed = events.at(-1);
    expect(closed?.type === "case.closed" && closed.payload.rating).toBe("unrated");
    expect(closed && closed.at < "2019-06-01").toBe(true);
    const submitted = events[0];
    expect(submitted?.type === "case.submitted" && submitted.payload.origin).toEqual({
      source: "test-board",
      messageId: "188006",
    });
    expect(submitted?.type === "case.submitted" && submitted.payload.channel).toBe("people_board");
    expect((await stub.verify()).ok).toBe(true);
    const state = await stub.read();
    expect(state?.supporters).toBe(12);
    expect(state?.departmentId).toBe("pl-housing");
    // History tells nobody (no notifications or partner webhooks) and needs no routing.
    const targets = await runInDurableObject(stub, (_o, s) =>
      s.storage.sql.exec<{ target: string }>("SELECT DISTINCT target FROM outbox").toArray(),
    );
    expect(targets.map((t) => t.target)).toContain("case-events"); // not yet drained: the outbox is what it wrote
    expect(targets.map((t) => t.target)).not.toContain("notifications");
    expect(targets.map((t) => t.target)).not.toContain("webhook");
    expect(targets.map((t) => t.target)).not.toContain("case-intake");
    await runDurableObjectAlarm(stub);
    const row = await waitFor(() =>
      env.DB.prepare("SELECT status, supporters, submitted_at, replied_at FROM cases WHERE case_id = ?")
        .bind(input.caseId)
        .first<{ status: string; supporters: number; submitted_at: string; replied_at: string }>(),
    );
    expect(row).toEqual({
      status: "closed",
      supporters: 12,
      submitted_at: "2019-03-04T02:15:00.000Z",
      replied_at: "2019-04-13T08:00:00.000Z",
    });
  });

  it("imports each message once: a repeat replays, a different message under the same name is refused", async () => {
    const input = importInput();
    const stub = caseRecordStub(env, input.caseId);
    const first = await stub.importCase(input);
    const again = await stub.importCase(input);
    expect(again).toEqual(first.ok ? { ...first, replayed: true } : first);
    const count = (await stub.events()).length;
    const changed = await stub.importCase({ ...input, item: { ...ITEM, title: "崆峒区某小区物业乱收费用" } });
    expect(changed.ok ? null : changed.error.code).toBe("idempotency_conflict");
    expect(await stub.events()).toHaveLength(count);
  });

  it("keeps a message answered on time free of ladder steps, and a rating in the rating window", async () => {
    const item: ImportItem = {
      ...ITEM,
      supporters: 0,
      reply: { text: ITEM.reply?.text ?? "", at: "2019-03-06T09:00:00+08:00", outcome: "resolved" },
      rating: { resolution: "solved", rating: "satisfied", at: "2019-03-07T09:00:00+08:00" },
    };
    const input = importInput(item);
    const stub = caseRecordStub(env, input.caseId);
    const result = await stub.importCase(input);
    expect(result.ok).toBe(true);
    const types = (await stub.events()).map((e) => e.type);
    expect(types).not.toContain("case.escalated");
    expect(types).not.toContain("case.supported");
    expect(types.slice(-2)).toEqual(["case.rated", "case.closed"]);
    expect((await stub.read())?.rating).toBe("satisfied");
  });

  it("leaves a message never answered open, its ladder run up to now", async () => {
    const { reply: _none, ...unanswered } = ITEM;
    const input = importInput(unanswered, { asOf: "2019-05-01T00:00:00+08:00" });
    const stub = caseRecordStub(env, input.caseId);
    const result = await stub.importCase(input);
    expect(result.ok && result.value.status).toBe("acknowledged");
    expect((await stub.events()).some((e) => e.type === "case.escalated")).toBe(true);
  });

  it("refuses a reply dated before its message and a rating after the case closed, writing nothing", async () => {
    const backwards = importInput({
      ...ITEM,
      reply: { text: ITEM.reply?.text ?? "", at: "2019-03-01T09:00:00+08:00" },
    });
    const early = await caseRecordStub(env, backwards.caseId).importCase(backwards);
    expect(early.ok ? null : early.error.code).toBe("invalid_command");
    const late = importInput({
      ...ITEM,
      rating: { resolution: "solved", rating: "satisfied", at: "2019-09-01T09:00:00+08:00" },
    });
    const stub = caseRecordStub(env, late.caseId);
    const refusedLate = await stub.importCase(late);
    expect(refusedLate.ok ? null : refusedLate.error.code).toBe("invalid_transition");
    expect(await stub.events()).toEqual([]);
    expect(await stub.read()).toBeNull();
  });
});
