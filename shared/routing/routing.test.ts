import { describe, expect, it } from "vitest";
import { type RoutingRule, routeMessage } from "./route";
import { normalizedText, screenMessage } from "./screening";

const rules: RoutingRule[] = [
  { category: "urban_rural", regionCode: "*", departmentId: "pl-housing" },
  { category: "urban_rural", regionCode: "620826", departmentId: "jingning" },
  { category: "transport", regionCode: "*", departmentId: "pl-transport" },
];
const mailboxes = new Map([["mayor", "pl-mayor-office"]]);
const base = { addressee: null, category: null, regionCode: "620802", title: "路灯不亮", body: "小区路灯坏了两个月" };

describe("routing", () => {
  it("sends a leader's mailbox to that office, before any rule", () => {
    expect(routeMessage({ ...base, addressee: "mayor", category: "urban_rural" }, { mailboxes, rules })).toEqual({
      kind: "leader_mailbox",
      departmentId: "pl-mayor-office",
      addressee: "mayor",
    });
  });

  it("uses the exact region's rule before the catch-all", () => {
    expect(
      routeMessage({ ...base, category: "urban_rural", regionCode: "620826" }, { mailboxes, rules }),
    ).toMatchObject({ departmentId: "jingning" });
    expect(routeMessage({ ...base, category: "urban_rural" }, { mailboxes, rules })).toMatchObject({
      departmentId: "pl-housing",
    });
  });

  it("leaves unknown categories and missing rules to the dispatcher, with the classifier's suggestion", () => {
    expect(routeMessage(base, { mailboxes, rules })).toEqual({
      kind: "dispatcher",
      reason: "no_category",
      suggestions: [],
    });
    expect(routeMessage({ ...base, category: "health" }, { mailboxes, rules })).toMatchObject({
      kind: "dispatcher",
      reason: "no_rule",
    });
  });

  it("routes on the classifier's suggestion above the threshold and queues it below", () => {
    const suggest = () => [
      { category: "transport", confidence: 0.8 },
      { category: "urban_rural", confidence: 0.1 },
    ];
    expect(routeMessage(base, { mailboxes, rules, suggest, autoRouteConfidence: 0.85 })).toEqual({
      kind: "dispatcher",
      reason: "no_category",
      suggestions: suggest(),
    });
    expect(routeMessage(base, { mailboxes, rules, suggest, autoRouteConfidence: 0.75 })).toEqual({
      kind: "catalogue",
      departmentId: "pl-transport",
      category: "transport",
      suggested: true,
    });
    // The citizen's own category wins and the classifier is not asked.
    expect(
      routeMessage(
        { ...base, category: "urban_rural" },
        {
          mailboxes,
          rules,
          suggest: () => {
            throw new Error("not asked");
          },
        },
      ),
    ).toMatchObject({ departmentId: "pl-housing", suggested: false });
  });
});

describe("screening", () => {
  it("refuses empty, repeated and links-only messages with a reason", () => {
    expect(screenMessage({ title: "。。。。。", body: "！！！！！！！！！！" }, [])).toMatchObject({
      action: "reject",
    });
    expect(screenMessage({ title: "啊啊啊啊啊啊", body: "啊啊啊啊啊啊啊啊啊啊啊啊啊" }, [])).toMatchObject({
      action: "reject",
      reason: expect.stringContaining("重复"),
    });
    expect(screenMessage({ title: "看这里", body: "https://spam.example/x http://a.b/c" }, [])).toMatchObject({
      action: "reject",
      reason: expect.stringContaining("网址"),
    });
  });

  it("holds a message with a listed word and passes an ordinary one", () => {
    expect(
      screenMessage({ title: "代开发票联系我", body: "各类发票代开，价格优惠，欢迎联系" }, ["代开发票"]),
    ).toMatchObject({ action: "hold" });
    expect(screenMessage(base, ["代开发票"])).toEqual({ action: "pass" });
  });

  it("compares messages by their letters and digits only", () => {
    expect(normalizedText({ title: "路灯 不亮！", body: "小区路灯坏了" })).toBe(
      normalizedText({ title: "路灯不亮", body: "小区 路灯 坏了。" }),
    );
  });
});
