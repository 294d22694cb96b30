import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Counters, emptyCounters } from "./counters";
import { INDICATOR_IDS } from "./indicators";
import {
  DEFAULT_RANKING_CONFIG,
  type RankingConfig,
  RankingConfigSchema,
  type RankingUnit,
  rankUnits,
} from "./ranking";

/** A department with n assignments, each handled, replied and rated; `rate` of them well on every indicator. */
function unit(
  unitId: string,
  n: number,
  rate: number,
  extra: Partial<Counters> = {},
  panelScore: number | null = null,
): RankingUnit {
  const k = Math.round(rate * n);
  const counters: Counters = {
    ...emptyCounters(),
    assigned: n,
    acknowledgedOnTime: k,
    acknowledgedLate: n - k,
    replied: n,
    repliedOnTime: k,
    replyOverdue: n - k,
    rated: n,
    solved: k,
    satisfied: k,
    dissatisfied: n - k,
    closed: n,
    ...extra,
  };
  return { unitId, name: `单位 ${unitId}`, kind: "department", counters, panelScore };
}

const config = (over: Partial<RankingConfig>): RankingConfig => ({ ...DEFAULT_RANKING_CONFIG, ...over });
const byId = (r: ReturnType<typeof rankUnits>, id: string) => r.units.find((u) => u.unitId === id);
const unrated: Partial<Counters> = { rated: 0, solved: 0, satisfied: 0, dissatisfied: 0 };
const peers = [unit("p1", 50, 0.7), unit("p2", 50, 0.75), unit("p3", 50, 0.8)];

describe("small samples", () => {
  it("a single perfect case does not outrank 200 cases at 90 %", () => {
    const r = rankUnits([unit("tiny", 1, 1), unit("big", 200, 0.9), ...peers], config({ minSample: 1 }));
    const tiny = byId(r, "tiny");
    const big = byId(r, "big");
    expect(tiny?.rates.satisfactionRate).toBe(1);
    expect(tiny?.score).toBeLessThan(big?.score ?? 0);
    expect(big?.rank).toBe(1);
    expect(tiny?.rank).toBeGreaterThan(1);
  });

  it("below minSample is listed after the ranked units, unranked, and still feeds the mean", () => {
    const r = rankUnits([unit("tiny", 3, 1), unit("big", 200, 0.9), ...peers]);
    expect(r.units.map((u) => [u.unitId, u.rank])).toEqual([
      ["big", 1],
      ["p3", 2],
      ["p2", 3],
      ["p1", 4],
      ["tiny", null],
    ]);
    expect(byId(r, "tiny")?.sample).toBe(3);
    expect(r.means.satisfactionRate).toBeCloseTo((3 + 180 + 35 + 38 + 40) / (3 + 200 + 150), 12);
  });

  it("shrinks small samples toward the pooled mean more than large ones", () => {
    const r = rankUnits([unit("small", 4, 1), unit("large", 100, 1), unit("other", 100, 0.5)]);
    const mean = r.means.onTimeRate ?? 0;
    const pull = (id: string) => {
      const u = byId(r, id);
      return ((u?.rates.onTimeRate ?? 0) - (u?.shrunk.onTimeRate ?? 0)) / ((u?.rates.onTimeRate ?? 0) - mean);
    };
    // The share of the way to the mean is m / (n + m).
    expect(pull("small")).toBeCloseTo(10 / 14, 12);
    expect(pull("large")).toBeCloseTo(10 / 110, 12);
  });

  it("priorStrength 0 leaves the raw rates", () => {
    const r = rankUnits([unit("a", 4, 0.75), unit("b", 20, 0.5)], config({ priorStrength: 0 }));
    for (const u of r.units)
      for (const [id, s] of Object.entries(u.shrunk)) expect(s).toBe(u.rates[id as keyof typeof u.rates]);
    expect(byId(r, "a")?.objectiveScore).toBe(75);
  });
});

describe("composite", () => {
  it("drops an indicator nobody has data for and renormalises the weights", () => {
    const r = rankUnits(
      [unit("a", 20, 0.8, unrated), unit("b", 20, 1, unrated)],
      config({ priorStrength: 0, weights: { responseRate: 1, satisfactionRate: 3 } }),
    );
    expect(r.means.satisfactionRate).toBeNull();
    const a = byId(r, "a");
    expect(a?.rates.satisfactionRate).toBeNull();
    expect(a?.shrunk).toEqual({ responseRate: 0.8 });
    expect(a?.objectiveScore).toBe(80);
    expect(byId(r, "b")?.score).toBe(100);
  });

  it("gives no score at all when no weighted indicator has data", () => {
    const r = rankUnits([unit("a", 20, 1, unrated, 90)], config({ weights: { resolutionRate: 1 } }));
    expect(r.units[0]).toMatchObject({ objectiveScore: null, score: null, rank: null, panelScore: 90 });
  });

  it("scores a lower-is-better indicator by 1 − rate", () => {
    const r = rankUnits(
      [unit("few", 20, 1, { returned: 2 }), unit("many", 20, 1, { returned: 6 })],
      config({ priorStrength: 0, weights: { returnRate: 1 } }),
    );
    expect(r.units.map((u) => [u.unitId, u.score, u.rank])).toEqual([
      ["few", 90, 1],
      ["many", 70, 2],
    ]);
    expect(byId(r, "many")?.shrunk.returnRate).toBeCloseTo(0.3, 12);
  });

  it("a unit with no cases of its own on an indicator sits at the mean, even with priorStrength 0", () => {
    const r = rankUnits([unit("a", 20, 0.5), unit("b", 20, 1, unrated)], config({ priorStrength: 0 }));
    expect(byId(r, "b")?.shrunk.satisfactionRate).toBe(0.5);
  });
});

describe("panel score", () => {
  const units = [unit("a", 20, 0.8, {}, 50), unit("b", 20, 0.8, {}, null)];

  it("takes panelShare of the final score from the panel, the rest from the data", () => {
    const r = rankUnits(units, config({ priorStrength: 0 }));
    expect(byId(r, "a")).toMatchObject({ objectiveScore: 80, panelScore: 50, score: 74 });
    expect(byId(r, "b")).toMatchObject({ objectiveScore: 80, panelScore: null, score: 80 });
    expect(r.units.map((u) => u.unitId)).toEqual(["b", "a"]);
  });

  it("share 0 ignores the panel, share 1 is the panel alone", () => {
    expect(byId(rankUnits(units, config({ priorStrength: 0, panelShare: 0 })), "a")?.score).toBe(80);
    expect(byId(rankUnits(units, config({ priorStrength: 0, panelShare: 1 })), "a")?.score).toBe(50);
  });

  it("refuses a panel score outside 0…100", () => {
    expect(() => rankUnits([unit("a", 20, 0.8, {}, 101)])).toThrow(RangeError);
    expect(() => rankUnits([unit("a", 20, 0.8, {}, Number.NaN)])).toThrow(RangeError);
  });
});

describe("ranks and order", () => {
  const flat = config({ priorStrength: 0 });

  it("ties share a rank and the next rank is skipped (1, 2, 2, 4)", () => {
    const r = rankUnits([unit("d", 20, 0.7), unit("c", 20, 0.8), unit("a", 20, 0.9), unit("b", 20, 0.8)], flat);
    expect(r.units.map((u) => [u.unitId, u.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });

  it("ties are judged on the published score, order on the exact one", () => {
    // 0.8·80 + 0.2·79.8 = 79.96 and 0.8·80 + 0.2·80.2 = 80.04: both print as 80.0.
    const r = rankUnits([unit("a", 20, 0.8, {}, 79.8), unit("b", 20, 0.8, {}, 80.2)], flat);
    expect(r.units.map((u) => [u.unitId, u.score, u.rank])).toEqual([
      ["b", 80, 1],
      ["a", 80, 1],
    ]);
  });

  it("the output does not depend on the input order", () => {
    const arbUnit = fc.record({
      id: fc.constantFrom("u1", "u2", "u3", "u4", "u5", "u6"),
      n: fc.nat(40),
      rate: fc.double({ min: 0, max: 1, noNaN: true }),
      panel: fc.option(fc.integer({ min: 0, max: 1000 }).map((x) => x / 10)),
    });
    const arbUnits = fc
      .uniqueArray(arbUnit, { selector: (u) => u.id, maxLength: 6 })
      .map((us) => us.map((u) => unit(u.id, u.n, u.rate, {}, u.panel)));
    fc.assert(
      fc.property(arbUnits, (units) => {
        const r = rankUnits(units);
        expect(rankUnits([...units].reverse())).toEqual(r);
        for (const u of r.units) expect(u.score === null || (u.score >= 0 && u.score <= 100)).toBe(true);
      }),
    );
  });

  it("rates list every indicator", () => {
    const [u] = rankUnits([unit("a", 20, 0.8)]).units;
    expect(Object.keys(u?.rates ?? {}).sort()).toEqual([...INDICATOR_IDS].sort());
  });
});

describe("config", () => {
  it("accepts the default", () => {
    expect(RankingConfigSchema.safeParse(DEFAULT_RANKING_CONFIG).success).toBe(true);
  });

  it.each([
    ["a negative weight", { weights: { responseRate: -0.1, onTimeRate: 1 } }],
    ["weights summing to 0", { weights: { responseRate: 0 } }],
    ["no weights", { weights: {} }],
    ["an unknown indicator", { weights: { speed: 1 } }],
    ["minSample 0", { minSample: 0 }],
    ["a fractional minSample", { minSample: 2.5 }],
    ["a negative priorStrength", { priorStrength: -1 }],
    ["panelShare above 1", { panelShare: 1.5 }],
    ["panelShare below 0", { panelShare: -0.1 }],
  ])("rejects %s", (_, over) => {
    const bad = { ...DEFAULT_RANKING_CONFIG, ...over };
    expect(RankingConfigSchema.safeParse(bad).success).toBe(false);
    expect(() => rankUnits([unit("a", 20, 0.8)], bad as RankingConfig)).toThrow();
  });

  it("refuses the same unit twice", () => {
    expect(() => rankUnits([unit("a", 20, 0.8), unit("a", 20, 0.9)])).toThrow(RangeError);
  });
});
