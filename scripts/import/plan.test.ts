import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportItem, type ImportMeta } from "../../shared/import/import-item.schema";
import type { BoardRow } from "./board-row";
import { readMapping } from "./mapping";
import { type Planned, planRow, planRows, type Refusal } from "./plan";
import { readTipdmFile } from "./read-tipdm";
import { readWenzhengFile } from "./read-wenzheng";

const dir = import.meta.dirname;
const tipdmMapping = readMapping(path.join(dir, "mappings/tipdm-pingliang.yaml"));
const boardMapping = readMapping(path.join(dir, "fixtures/mapping.yaml"));
const now = Date.parse("2026-12-01T00:00:00Z");
const ctx = { mapping: tipdmMapping, now };
const tipdmRows = [
  ...readTipdmFile(path.join(dir, "fixtures/tipdm-votes.csv")),
  ...readTipdmFile(path.join(dir, "fixtures/tipdm-replies.csv")),
];
const byId = (plan: { items: Planned[] }, id: string) => plan.items.find((p) => p.item.messageId === id)?.item;
const reasons = (refusals: Refusal[]) => Object.fromEntries(refusals.map((r) => [r.messageId, r.reason]));

describe("planning tipdm rows", () => {
  const plan = planRows(tipdmRows, ctx);

  it("refuses bad rows by reason and row number, keeps the rest", () => {
    expect(plan.rows).toBe(12);
    expect(reasons(plan.refusals)).toEqual({
      "9003": "bad_time",
      "9004": "bad_time",
      "9005": "bad_title",
      "9006": "bad_time",
      "9008": "bad_value",
      "8002": "reply_before_message",
      "8003": "bad_time",
    });
    const r = (id: string) => plan.refusals.find((x) => x.messageId === id);
    expect(r("9003")).toMatchObject({ row: 4, detail: 'message time: "2019/4/2 9" has an hour but no minutes' });
    expect(r("9004")?.detail).toMatch(/"2019\/09\/05" has a date but no time/);
    expect(r("9006")?.detail).toMatch(/not a real date/);
    expect(r("8003")).toMatchObject({ row: 4, detail: 'reply time: "2017/5/20" has a date but no time of day' });
    expect(r("9008")?.detail).toMatch(/supporters "x" is not a whole number/);
    expect(plan.items.map((p) => p.item.messageId)).toEqual(["9001", "9002", "9007", "8001", "8004"]);
  });

  it("makes items the wire schema accepts, with the board's words mapped", () => {
    for (const p of plan.items) expect(ImportItem.safeParse(p.item).success).toBe(true);
    expect(byId(plan, "9001")).toMatchObject({
      submittedAt: "2019-03-05T08:15:00+08:00",
      type: "complaint",
      regionCode: "620825",
      supporters: 15,
      body: "A7县城关镇新华街的路灯坏了三个月，晚上出行很不方便。\n希望尽快修好。",
    });
    expect(byId(plan, "9002")).toMatchObject({ type: "suggest", regionCode: "620802" });
    expect(byId(plan, "9007")).toMatchObject({ type: "thanks", regionCode: "620881", supporters: 27 });
    expect(byId(plan, "8001")).toMatchObject({
      regionCode: "620821",
      departmentId: "pl-housing",
      reply: { at: "2018-10-20T16:00:00+08:00", outcome: "explained" },
    });
    expect(byId(plan, "8001")?.reply?.text).toMatch(/^网友您好.*\n感谢您的关注。\n市住建局\n2018年10月20日$/s);
    expect(byId(plan, "8004")).toMatchObject({ regionCode: "620823", departmentId: "pl-urban-management" });
    expect(byId(plan, "9001")?.departmentId).toBeUndefined();
  });

  it("counts 反对数 of importable rows and sends it nowhere", () => {
    expect(plan.against).toBe(2);
    expect(JSON.stringify(plan.items)).not.toMatch(/against/);
  });

  it("asks the classifier for a category only when the row has none", () => {
    const seen: string[] = [];
    const p = planRows(tipdmRows.slice(0, 1), {
      ...ctx,
      suggestCategory: (t) => {
        seen.push(t);
        return "urban_rural";
      },
    });
    expect(byId(p, "9001")?.category).toBe("urban_rural");
    expect(seen[0]).toMatch(/^A7县城关镇路灯不亮的投诉\nA7县城关镇/);
  });

  it("prefers the department the reply signs with over words in the message", () => {
    const row: BoardRow = {
      file: "x.csv",
      row: 2,
      messageId: "1",
      submittedAt: "2019/1/1 8:00",
      title: "学校门口的交通问题",
      body: "学校门口每天早上堵车，交通秩序很乱。",
      replyText: "网友您好，已安排交警在上学时段疏导。市教育局",
      replyAt: "2019/1/3 8:00",
    };
    expect((planRow(row, ctx) as Planned).item.departmentId).toBe("pl-education");
    expect((planRow({ ...row, replyText: undefined, replyAt: undefined }, ctx) as Planned).item.departmentId).toBe(
      "pl-transport",
    );
    expect(planRow({ ...row, replyAt: undefined }, ctx)).toMatchObject({
      reason: "bad_reply",
      detail: "a reply without a time",
    });
    expect(planRow({ ...row, replyText: "  " }, ctx)).toMatchObject({ reason: "bad_reply" });
    expect(planRow({ ...row, replyText: "已收悉。" }, ctx)).toMatchObject({ reason: "bad_reply" });
    expect(planRow({ ...row, body: "x".repeat(4001) }, ctx)).toMatchObject({ reason: "bad_body" });
    expect(planRow({ ...row, title: "标题\u0007控制字符" }, ctx)).toMatchObject({ reason: "bad_title" });
    expect(planRow({ ...row, submittedAt: "2030/1/1 8:00" }, ctx)).toMatchObject({ reason: "bad_time" });
    expect(planRow({ ...row, messageId: "" }, ctx)).toMatchObject({ reason: "missing_id" });
    expect(planRow({ ...row, problem: "3 cells" }, ctx)).toMatchObject({ reason: "bad_record" });
  });

  it("reads a reply's outcome as a code or in Chinese, explained when the board kept none", () => {
    const row: BoardRow = {
      file: "x.csv",
      row: 2,
      messageId: "1",
      submittedAt: "2019/1/1 8:00",
      title: "路灯不亮的问题",
      body: "城关镇新华街的路灯坏了三个月。",
      regionCode: "620802",
      replyText: "网友您好，路灯已经修好，感谢监督。",
      replyAt: "2019/1/3 8:00",
    };
    const outcome = (replyOutcome?: string) => (planRow({ ...row, replyOutcome }, ctx) as Planned).item.reply?.outcome;
    expect([outcome(), outcome("resolved"), outcome("已解决"), outcome("非本部门职责")]).toEqual([
      "explained",
      "resolved",
      "resolved",
      "not_our_duty",
    ]);
    expect(planRow({ ...row, replyOutcome: "fixed" }, ctx)).toMatchObject({ reason: "bad_value" });
    expect(planRow({ ...row, type: "投诉" }, ctx)).toMatchObject({ item: { type: "complaint" } });
    expect(planRow({ ...row, isPublic: "否" }, ctx)).toMatchObject({ item: { isPublic: false } });
    expect(planRow({ ...row, isPublic: "constructor" }, ctx)).toMatchObject({ reason: "bad_value" });
  });

  it("refuses a row with no place when the mapping has no default region", () => {
    const noDefault = { ...tipdmMapping, defaultRegion: undefined };
    const p = planRows(tipdmRows, { mapping: noDefault, now });
    // Every fixture message that reaches the region step names a place.
    expect(p.refusals.some((r) => r.reason === "unknown_region")).toBe(false);
    const row = { ...(tipdmRows[0] as BoardRow), title: "路灯不亮的问题", body: "城关镇新华街的路灯坏了三个月。" };
    expect(planRow(row, { mapping: noDefault, now })).toMatchObject({ reason: "unknown_region", row: 2 });
  });
});

describe("planning wenzheng rows", () => {
  for (const name of ["wenzheng.csv", "wenzheng.json"]) {
    it(`${name}: codes as given, places through the mapping, refusals by reason`, () => {
      const plan = planRows(readWenzhengFile(path.join(dir, "fixtures", name)), { mapping: boardMapping, now });
      expect(plan.refusals.map((r) => [r.messageId, r.reason])).toEqual([
        ["LB-2024-0003", "unknown_region"],
        ["LB-2024-0004", "bad_value"],
        ["LB-2024-0005", "bad_value"],
        ["LB-2024-0001", "duplicate_id"],
      ]);
      expect(plan.refusals[3]?.detail).toMatch(/also at .*wenzheng\.(csv|json) row [12]/);
      expect(byId(plan, "LB-2024-0001")).toEqual({
        messageId: "LB-2024-0001",
        submittedAt: "2024-03-01T09:30:00+08:00",
        type: "complaint",
        title: "小区电梯长期故障",
        body: "我们小区3号楼电梯坏了两个月，物业一直推脱，老人上下楼很困难。",
        regionCode: "620802",
        isPublic: true,
        supporters: 12,
        reply: {
          text: "您好，已督促物业公司在一周内完成维修。市住建局",
          at: "2024-03-08T10:00:00+08:00",
          outcome: "resolved",
        },
      });
      expect(byId(plan, "LB-2024-0002")).toMatchObject({
        regionCode: "620881",
        addressee: "mayor",
        type: "suggest",
        category: "transport",
        isPublic: false,
      });
    });
  }
});

describe("checking references against the city's configuration", () => {
  const meta: ImportMeta = {
    regions: [
      { code: "620802", name: "崆峒区" },
      { code: "620881", name: "华亭市" },
    ],
    categories: [{ code: "transport", name: "交通运输" }],
    addressees: [],
    departments: [{ id: "pl-housing", name: "住建局", regionCode: "620800", spokesperson: false }],
    rules: [],
    minSample: 10,
  };
  it("refuses codes the city does not have, and a reply its department has no spokesperson to publish", () => {
    const plan = planRows(readWenzhengFile(path.join(dir, "fixtures/wenzheng.csv")), {
      mapping: boardMapping,
      now,
      meta,
    });
    const details = plan.refusals.filter((r) => r.reason === "unknown_reference").map((r) => r.detail);
    expect(details).toEqual(['addressee "mayor" is not configured']);
    const withDept = planRows(readTipdmFile(path.join(dir, "fixtures/tipdm-replies.csv")), {
      mapping: tipdmMapping,
      now,
      meta: {
        ...meta,
        regions: [...meta.regions, { code: "620821", name: "泾川县" }, { code: "620823", name: "崇信县" }],
      },
    });
    expect(withDept.refusals.map((r) => r.detail)).toContain(
      'department "pl-housing" has no spokesperson to publish the reply',
    );
    expect(withDept.refusals.map((r) => r.detail)).toContain('department "pl-urban-management" is not configured');
  });
});
