import { describe, expect, it } from "vitest";
import { assessReply, ReplyQuality, replyQuality } from "./index";

const lamp = {
  title: "崆峒区柳湖街道东关小区路灯不亮",
  body: "崆峒区柳湖街道东关小区内的路灯已经坏了两个多月，晚上出行很不安全，老人摔倒过好几次，希望尽快维修。",
};
const noise = {
  title: "泾川县城关镇王母宫路工地夜间施工噪音扰民",
  body: "泾川县王母宫路某建筑工地每天夜里施工到凌晨两点，搅拌机噪音很大，附近居民无法休息，多次打电话也没人管。",
};

const GOOD =
  "网友您好！您反映的东关小区路灯不亮问题已收悉。经柳湖街道办事处与崆峒区城市管理局现场核查，东关小区内12盏路灯因线路老化" +
  "损坏，区城管局已于3月15日更换线路并全部修复，今后将每月巡查一次。感谢您对我们工作的支持！崆峒区城市管理局 2026年3月16日";
const NOISE_REPLY =
  "网友您好！经泾川县住建局执法人员现场核查，王母宫路建筑工地确有夜间施工行为，已责令该工地即日起晚10时至次日6时停止施工，" +
  "并处罚款2万元。泾川县住建局 2026年3月20日";

describe("reply quality", () => {
  it("scores a reply that names the place, the fault, the unit, what was done and when high, with no flag", () => {
    const q = assessReply(lamp, GOOD);
    expect(q.score).toBeGreaterThanOrEqual(0.8);
    expect(q.flags).toEqual([]);
    expect(q.outcome).toEqual(expect.arrayContaining(["result", "unit", "time"]));
  });

  it("scores 已收悉 near zero and flags it as boilerplate without an outcome", () => {
    for (const reply of ["已收悉", "网友：您好！留言已收悉", "  \n\t网友：您好！留言已收悉\n\t  "]) {
      const q = assessReply(lamp, reply);
      expect(q.score).toBeLessThan(0.05);
      expect(q.flags).toEqual(["boilerplate", "no_outcome"]);
    }
  });

  it("does not let a quoted title, a handle, thanks and a signature date pass for content", () => {
    const q = assessReply(
      lamp,
      "网友“UU0081893”您好！您反映的“崆峒区柳湖街道东关小区路灯不亮”的问题已收悉，已转有关部门调查处理，" +
        "感谢您对我们工作的关注！2026年3月16日",
    );
    expect(q.echoesTitle).toBe(true);
    expect(q.flags).toEqual(["boilerplate", "no_outcome"]);
    expect(q.score).toBeLessThan(0.2);
  });

  it("flags generic promises as boilerplate", () => {
    const q = assessReply(
      lamp,
      "您好！您反映的问题我们高度重视，将进一步加强管理，切实维护群众合法权益，感谢您的监督。",
    );
    expect(q.flags).toContain("boilerplate");
    expect(q.score).toBeLessThan(0.1);
  });

  it("counts a case passed to a named unit as an outcome, but still as boilerplate", () => {
    const q = assessReply(lamp, "您的留言已收悉，关于您反映的问题，已转崆峒区城市管理局调查处理。");
    expect(q.flags).toEqual(["boilerplate"]);
    expect(q.outcome).toEqual(["unit"]);
  });

  it("accepts a short reply that says what was done to this fault", () => {
    const q = assessReply(lamp, "经核实，路灯已于本周修复，感谢监督。");
    expect(q.flags).toEqual([]);
    expect(q.score).toBeGreaterThan(0.1);
  });

  it("flags a reply about the case that commits to nothing as no_outcome only", () => {
    const q = assessReply(
      lamp,
      "网友您好！东关小区路灯不亮给居民夜间出行带来不便，老人摔倒的情况我们十分理解，路灯照明关系居民安全。",
    );
    expect(q.flags).toEqual(["no_outcome"]);
  });

  it("flags a concrete reply written for another message as off_topic and scores it far below its own", () => {
    const own = assessReply(noise, NOISE_REPLY);
    const swapped = assessReply(lamp, NOISE_REPLY);
    expect(own.flags).toEqual([]);
    expect(swapped.flags).toEqual(["off_topic"]);
    expect(swapped.score).toBeLessThan(0.1);
    expect(own.score - swapped.score).toBeGreaterThan(0.6);
    // And the other way round: the lamp reply does not answer the noise complaint.
    expect(assessReply(noise, GOOD).flags).toContain("off_topic");
  });

  it("reads the same through full-width characters and the board's padding", () => {
    const padded = `\n\t\t${GOOD.replace(/12/g, "１２").replace(/！/g, "!")}\n\t\t`;
    expect(replyQuality(lamp, padded)).toEqual(replyQuality(lamp, GOOD));
  });

  it("keeps only the score and the flags, in the shape the event stores", () => {
    const q = replyQuality(lamp, GOOD);
    expect(ReplyQuality.parse(q)).toEqual(q);
    expect(Object.keys(q).sort()).toEqual(["flags", "score"]);
    expect(replyQuality(lamp, GOOD)).toEqual(q);
  });

  it("handles empty text without throwing", () => {
    expect(replyQuality({ title: "", body: "" }, "").flags).toEqual(["boilerplate", "no_outcome"]);
  });
});
