import { describe, expect, it } from "vitest";
import { heatIndex } from "./heat";
import { hotIssues } from "./hot-issues";
import { problemOf } from "./label";
import { placeLexicon, placesIn, placeText, samePlace } from "./places";
import { issueTestBatch, issueMessage as message } from "./test-batch";

const batch = issueTestBatch();

describe("hotIssues", () => {
  const issues = hotIssues(batch, { windowStart: "2019-10-31T16:00:00.000Z", windowEnd: "2019-11-30T16:00:00.000Z" });
  const issueOf = (title: string) => {
    const id = batch.find((m) => m.title === title)?.id;
    return issues.find((i) => id !== undefined && i.ids.includes(id));
  };

  it("groups one problem at one place and ranks it first", () => {
    const mixer = issueOf("A2区丽发新城附近修建搅拌站噪音扰民");
    expect(mixer?.messages).toBe(4);
    expect(issues[0]).toBe(mixer);
    expect(mixer?.label).toContain("丽发新城");
    expect(mixer?.label).toMatch(/搅拌站/);
  });

  it("keeps another problem at the same place, and the same problem at another place, apart", () => {
    expect(issueOf("A市丽发新城物业强行断业主家的水")).not.toBe(issueOf("A2区丽发新城附近修建搅拌站噪音扰民"));
    const fumes = issueOf("魅力之城小区底层餐馆油烟扰民");
    expect(fumes?.messages).toBe(3);
    expect(fumes?.label).toContain("魅力之城");
  });

  it("puts every message in exactly one issue and counts people, supporters and span", () => {
    const ids = issues.flatMap((i) => i.ids);
    expect(ids.sort()).toEqual(batch.map((m) => m.id).sort());
    const mixer = issueOf("A2区丽发新城附近修建搅拌站噪音扰民");
    expect(mixer?.petitioners).toBe(4);
    expect(mixer?.firstAt).toBe("2019-11-02T02:00:00.000Z");
    expect(mixer?.lastAt).toBe("2019-11-12T02:00:00.000Z");
  });

  it("counts a writer's re-posts as one petitioner and is deterministic", () => {
    const reposts = [0, 1, 2].map((d) =>
      message("魅力之城小区底层餐馆油烟扰民", "魅力之城小区一楼商铺开餐馆，油烟直排。", 21 + d, {
        author: "same",
        supporters: 2,
      }),
    );
    const again = hotIssues([...reposts, ...batch]);
    const issue = again.find((i) => i.ids.includes(reposts[0]?.id ?? ""));
    expect(issue?.ids).toEqual(expect.arrayContaining(reposts.map((r) => r.id)));
    expect(issue?.petitioners).toBe((issue?.messages ?? 0) - 2);
    expect(issue?.supporters).toBe(6);
    expect(hotIssues([...reposts, ...batch])).toEqual(again);
  });

  it("returns nothing for nothing", () => {
    expect(hotIssues([])).toEqual([]);
  });
});

describe("places", () => {
  it("finds a name the segmenter splits, as the batch writes it, and not the region", () => {
    const texts = ["A市伊景园滨河苑捆绑销售车位", "反映伊景园滨河苑车位问题", "关于伊景园滨河苑的投诉"].map((t) =>
      placeText(t),
    );
    const lexicon = placeLexicon(texts);
    for (const t of texts) expect(placesIn(t, lexicon).map((p) => p.name)).toContain("伊景园滨河苑");
  });

  it("treats a name and its longer form as one place, different names as two", () => {
    expect(samePlace("魅力之城", "万科魅力之城")).toBe(true);
    expect(samePlace("丽发新城", "魅力之城")).toBe(false);
  });
});

describe("label and heat", () => {
  it("strips a letter's formulas and the region from the problem", () => {
    expect(problemOf("关于A市A2区丽发新城搅拌站扰民的问题？", "丽发新城")).toBe("搅拌站扰民");
    expect(problemOf("请将地铁7号线南延至生态动物园", "动物园")).toBe("将地铁7号线南延至生态动物园");
  });

  it("weighs people who write above likes, and growth", () => {
    const base = {
      firstAt: "2019-11-01T00:00:00Z",
      windowStart: "2019-11-01T00:00:00Z",
      windowEnd: "2019-11-30T00:00:00Z",
    };
    const lone = heatIndex({
      ...base,
      messages: 1,
      petitioners: 1,
      supporters: 2000,
      lastAt: base.firstAt,
      times: [base.firstAt],
    });
    const times = Array.from({ length: 15 }, (_, i) => `2019-11-${String(i * 2 + 1).padStart(2, "0")}T00:00:00Z`);
    const many = heatIndex({
      ...base,
      messages: 15,
      petitioners: 15,
      supporters: 0,
      lastAt: times.at(-1) ?? "",
      times,
    });
    expect(many).toBeGreaterThan(lone);
    const late = times.map((_, i) => `2019-11-${String(24 + (i % 6)).padStart(2, "0")}T00:00:00Z`);
    const growing = heatIndex({
      ...base,
      messages: 15,
      petitioners: 15,
      supporters: 0,
      lastAt: late.at(-1) ?? "",
      times: late,
    });
    expect(growing).toBeGreaterThan(
      heatIndex({
        ...base,
        messages: 15,
        petitioners: 15,
        supporters: 0,
        lastAt: late.at(-1) ?? "",
        times: late.map(() => base.firstAt),
      }),
    );
  });
});
