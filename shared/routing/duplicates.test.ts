import { describe, expect, it } from "vitest";
import { minHashSignature, nearDuplicates, similarity } from "./duplicates";

const original = {
  title: "西大街夜市油烟扰民",
  body: "西大街夜市每天晚上油烟很大，噪音到凌晨一点，周边居民无法休息，请城管部门规范夜市经营时间和区域。",
};

describe("near-duplicate detection", () => {
  it("finds a re-post with small edits and a second citizen's message about the same site", () => {
    const repost = {
      title: "再次反映：西大街夜市油烟扰民！",
      body: "西大街夜市每天晚上油烟很大，噪音到凌晨一点多，周边居民无法休息，请城管部门尽快规范夜市经营时间和区域。",
    };
    expect(similarity(minHashSignature(original), minHashSignature(repost))).toBeGreaterThan(0.6);
    const found = nearDuplicates(repost, [
      { trackingNo: "A", ...original },
      {
        trackingNo: "B",
        title: "柳湖公园厕所无人清扫",
        body: "柳湖公园东门公厕长期无人清扫，异味很重，请环卫部门安排保洁。",
      },
    ]);
    expect(found.map((f) => f.trackingNo)).toEqual(["A"]);
  });

  it("does not call different problems in the same place duplicates", () => {
    const other = { title: "西大街路灯不亮", body: "西大街中段路灯已经坏了一个月，晚上行人看不清路，请尽快维修。" };
    expect(nearDuplicates(other, [{ trackingNo: "A", ...original }])).toEqual([]);
  });
});
