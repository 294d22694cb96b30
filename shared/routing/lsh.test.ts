import { describe, expect, it } from "vitest";
import { DUPLICATE_THRESHOLD, minHashSignature, similarity } from "./duplicates";
import { BANDS, bandKeys, ROWS, verifiedCandidates } from "./lsh";

const original = {
  title: "西大街夜市油烟扰民",
  body: "西大街夜市每天晚上油烟很大，噪音到凌晨一点，周边居民无法休息，请城管部门规范夜市经营时间和区域。",
};
const repost = {
  title: "再次反映：西大街夜市油烟扰民！",
  body: "西大街夜市每天晚上油烟很大，噪音到凌晨一点多，周边居民无法休息，请城管部门尽快规范夜市经营时间和区域。",
};
const elsewhere = { title: "西大街路灯不亮", body: "西大街中段路灯已经坏了一个月，晚上行人看不清路，请尽快维修。" };

const shared = (a: number[], b: number[]) => a.filter((k) => b.includes(k)).length;

/** A deterministic stream of 32-bit numbers, so the statistical test is the same on every run. */
function numbers(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 16), 0x45d9f3b) + 0x9e3779b9) >>> 0;
    return x;
  };
}

describe("LSH band keys", () => {
  it("gives one distinct key per band, the same for the same signature", () => {
    const keys = bandKeys(minHashSignature(original));
    expect(BANDS * ROWS).toBeLessThanOrEqual(64);
    expect(keys).toHaveLength(BANDS);
    expect(new Set(keys).size).toBe(BANDS);
    expect(keys.every((k) => Number.isSafeInteger(k) && k >= 0)).toBe(true);
    expect(bandKeys(minHashSignature({ ...original }))).toEqual(keys);
  });

  it("puts a re-post in a shared band and a different problem in none", () => {
    const own = bandKeys(minHashSignature(original));
    expect(shared(own, bandKeys(minHashSignature(repost)))).toBeGreaterThan(0);
    expect(shared(own, bandKeys(minHashSignature(elsewhere)))).toBe(0);
  });

  it("finds nearly every pair exactly at the threshold (39 of 64 positions equal)", () => {
    const next = numbers(7);
    const equal = Math.ceil(DUPLICATE_THRESHOLD * 64);
    let found = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const a = Array.from({ length: 64 }, next);
      const b = [...a];
      const positions = Array.from({ length: 64 }, (_, i) => i);
      for (let i = 63; i > 0; i--) {
        const j = next() % (i + 1);
        [positions[i], positions[j]] = [positions[j] ?? 0, positions[i] ?? 0];
      }
      for (const p of positions.slice(0, 64 - equal)) b[p] = next();
      expect(similarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
      if (shared(bandKeys(a), bandKeys(b)) > 0) found += 1;
    }
    expect(found / trials).toBeGreaterThan(0.995); // 0.9998 by the formula in lsh.ts
  });
});

describe("the exact check on the candidates", () => {
  it("keeps those at or above the threshold, most similar first, newer first among equals", () => {
    const own = minHashSignature(original);
    const same = minHashSignature(original);
    const found = verifiedCandidates(own, [
      { caseId: "old", trackingNo: "A", submittedAt: "2026-01-01T00:00:00.000Z", signature: same },
      {
        caseId: "far",
        trackingNo: "B",
        submittedAt: "2026-01-03T00:00:00.000Z",
        signature: minHashSignature(elsewhere),
      },
      { caseId: "near", trackingNo: "C", submittedAt: "2026-01-02T00:00:00.000Z", signature: minHashSignature(repost) },
      { caseId: "new", trackingNo: "D", submittedAt: "2026-01-04T00:00:00.000Z", signature: Uint32Array.from(same) },
    ]);
    expect(found.map((f) => f.trackingNo)).toEqual(["D", "A", "C"]);
    expect(found[0]).toEqual({ caseId: "new", trackingNo: "D", similarity: 1 });
  });
});
