import { describe, expect, it } from "vitest";
import { seededRandom } from "../../seeded-random";
import { burstScores, type TermSeries } from "./burst";

/** Knuth's method: fine for the small means used here. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

const days = (n: number, count: number): number[] => Array.from({ length: n }, () => count);

function noisySeries(seed: number, n: number, days: number): TermSeries[] {
  const random = seededRandom(seed);
  const means = [0.3, 1, 2, 5, 10, 30, 80];
  return Array.from({ length: n }, (_, i) => {
    const mean = means[i % means.length] ?? 1;
    return { term: `t${i}`, counts: Array.from({ length: days }, () => poisson(random, mean)) };
  });
}

describe("burstScores", () => {
  it("flags a term steady at about 2 a day that jumps to 20 today", () => {
    const random = seededRandom(1);
    const counts = [...Array.from({ length: 28 }, () => 1 + Math.round(2 * random())), 20];
    const [top] = burstScores([{ term: "停水", counts }]);
    expect(top).toMatchObject({ term: "停水", observed: 20, rising: true });
    expect(top?.baseline).toBeCloseTo(2, 0);
    expect(top?.score).toBeGreaterThan(8);
  });

  it("does not flag a topic that is large but constant", () => {
    const [top] = burstScores([{ term: "物业", counts: days(29, 30) }]);
    expect(top).toMatchObject({ observed: 30, rising: false });
    expect(Math.abs(top?.score ?? 1)).toBeLessThan(0.1);
  });

  it("does not flag steady topics with Poisson noise", () => {
    const flagged = burstScores(noisySeries(42, 70, 29)).filter((b) => b.rising);
    expect(flagged).toEqual([]);
  });

  it("lets through at most a sliver of thousands of steady terms, daily or weekly", () => {
    for (const window of [1, 7]) {
      const flagged = burstScores(noisySeries(7, 3000, 28 + window), { window }).filter((b) => b.rising);
      expect(flagged.length / 3000).toBeLessThan(0.003);
    }
  });

  it("does not flag a brand-new term seen once, but does flag one seen many times", () => {
    const scores = burstScores([
      { term: "once", counts: [...days(28, 0), 1] },
      { term: "many", counts: [...days(28, 0), 12] },
    ]);
    expect(scores.find((b) => b.term === "once")?.rising).toBe(false);
    const many = scores.find((b) => b.term === "many");
    expect(many?.rising).toBe(true);
    expect(Number.isFinite(many?.score)).toBe(true);
  });

  it("needs the minimum count and twice the usual level", () => {
    // 4 against a baseline of 0.1 is a high z but too few messages to call a trend.
    expect(burstScores([{ term: "x", counts: [...days(27, 0), 3, 4] }])[0]?.rising).toBe(false);
    expect(burstScores([{ term: "x", counts: [...days(27, 0), 3, 4] }], { minCount: 3 })[0]?.rising).toBe(true);
    // A very regular large topic: a small rise is many standard deviations but not a doubling.
    const regular = [...Array.from({ length: 28 }, (_, i) => 100 + (i % 2)), 160];
    expect(burstScores([{ term: "y", counts: regular }])[0]).toMatchObject({ rising: false });
  });

  it("sums the current window over several buckets", () => {
    const [top] = burstScores([{ term: "w", counts: [...days(28, 1), 5, 5, 5] }], { window: 3 });
    expect(top).toMatchObject({ observed: 15, rising: true });
    expect(top?.baseline).toBeCloseTo(3, 0);
  });

  it("does not flag a topic whose baseline swings widely when it reaches its usual peak", () => {
    const swinging = [...Array.from({ length: 28 }, (_, i) => (i % 7 === 0 ? 40 : 8)), 40];
    expect(burstScores([{ term: "周一", counts: swinging }])[0]?.rising).toBe(false);
  });

  it("sorts by score, ties by term", () => {
    const scores = burstScores([
      { term: "b", counts: [...days(28, 2), 2] },
      { term: "a", counts: [...days(28, 2), 2] },
      { term: "c", counts: [...days(28, 2), 20] },
    ]);
    expect(scores.map((b) => b.term)).toEqual(["c", "a", "b"]);
  });
});
