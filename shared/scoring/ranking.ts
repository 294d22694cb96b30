import * as z from "zod";
import type { Counters } from "./counters";
import { INDICATOR_IDS, INDICATORS, type IndicatorId, rateParts } from "./indicators";

/** How a month's ranking (排名) is computed; edited by an admin, so validated by {@link RankingConfigSchema}. */
export interface RankingConfig {
  /** Composite weights over indicators; indicators left out (or at 0) do not count. */
  weights: Partial<Record<IndicatorId, number>>;
  /** Units with fewer assignments (交办件数) than this are listed but not ranked. */
  minSample: number;
  /** Bayesian prior strength m: how many pseudo-cases at the all-unit mean each unit starts with. */
  priorStrength: number;
  /** Share (0…1) of the final score taken from the evaluators' panel score (评议得分). */
  panelShare: number;
}

export const RankingConfigSchema = z.strictObject({
  weights: z
    .partialRecord(z.enum(INDICATOR_IDS), z.number().nonnegative())
    .refine(
      (w) => Object.values(w).some((x) => x !== undefined && x > 0),
      "权重之和须大于 0 / weights must sum to more than 0",
    ),
  minSample: z.int().min(1),
  priorStrength: z.number().nonnegative(),
  panelShare: z.number().min(0).max(1),
}) satisfies z.ZodType<RankingConfig>;

export const DEFAULT_RANKING_CONFIG: RankingConfig = {
  weights: { responseRate: 0.2, onTimeRate: 0.3, resolutionRate: 0.25, satisfactionRate: 0.25 },
  minSample: 10,
  priorStrength: 10,
  panelShare: 0.2,
};

export interface RankingUnit {
  unitId: string;
  name: string;
  kind: "department" | "county";
  counters: Counters;
  /** 0…100 from the evaluators (weighted mean), or null when nobody scored the unit. */
  panelScore: number | null;
}

export interface RankedUnit {
  unitId: string;
  name: string;
  kind: "department" | "county";
  /** Assignments (交办件数) in the month: what minSample is compared with. */
  sample: number;
  /** Raw rates in 0…1 for every indicator, null when the unit's denominator is empty. */
  rates: Record<IndicatorId, number | null>;
  /** Shrunk rates in 0…1 for the indicators that entered the composite. */
  shrunk: Partial<Record<IndicatorId, number>>;
  /** 0…100, one decimal; null when no weighted indicator has data for anyone. */
  objectiveScore: number | null;
  panelScore: number | null;
  score: number | null;
  /** 1 = best; null below minSample or without a score. */
  rank: number | null;
}

export interface Ranking {
  config: RankingConfig;
  /** Pooled all-unit rate Σk/Σn per indicator, null when no unit has data. */
  means: Record<IndicatorId, number | null>;
  units: RankedUnit[];
}

const perIndicator = <T>(f: (id: IndicatorId) => T): Record<IndicatorId, T> =>
  Object.fromEntries(INDICATOR_IDS.map((id) => [id, f(id)])) as Record<IndicatorId, T>;
const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/**
 * Ranks units for one month. Rates are shrunk toward the all-unit mean (empirical Bayes) so a unit
 * with a handful of perfect cases cannot outrank one with hundreds of good ones; the pooled mean
 * includes the small units, so their data still counts for everyone. Pass one kind at a time:
 * departments and counties have different case mixes, and the mean is taken over what is given.
 * Throws a ZodError on an invalid config and a RangeError on bad unit data.
 */
export function rankUnits(units: readonly RankingUnit[], config: RankingConfig = DEFAULT_RANKING_CONFIG): Ranking {
  const cfg = RankingConfigSchema.parse(config);
  const m = cfg.priorStrength;
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.unitId)) throw new RangeError(`unit ${u.unitId} is given twice`);
    seen.add(u.unitId);
    if (u.panelScore !== null && !(u.panelScore >= 0 && u.panelScore <= 100))
      throw new RangeError(`panel score of ${u.unitId} must be in 0…100: ${u.panelScore}`);
  }

  const rows = units.map((u) => ({ u, parts: perIndicator((id) => rateParts(INDICATORS[id], u.counters)) }));
  const means = perIndicator((id) => {
    const k = rows.reduce((s, r) => s + r.parts[id].numerator, 0);
    const n = rows.reduce((s, r) => s + r.parts[id].denominator, 0);
    return n === 0 ? null : k / n;
  });
  // An indicator nobody has data for says nothing about anyone: drop it and let the others carry the weight.
  const active = INDICATOR_IDS.flatMap((id) => {
    const w = cfg.weights[id] ?? 0;
    const p = means[id];
    return w > 0 && p !== null ? [{ id, w, p }] : [];
  });
  const weightSum = active.reduce((s, a) => s + a.w, 0);

  const scored = rows.map(({ u, parts: own }) => {
    const rates = perIndicator((id) => (own[id].denominator === 0 ? null : own[id].numerator / own[id].denominator));
    const shrunk: Partial<Record<IndicatorId, number>> = {};
    let weighted = 0;
    for (const { id, w, p } of active) {
      const { numerator: k, denominator: n } = own[id];
      // With m = 0 a unit with no cases of its own would be 0/0; the mean is the honest guess.
      const s = n + m === 0 ? p : (k + m * p) / (n + m);
      shrunk[id] = s;
      weighted += w * (INDICATORS[id].higherIsBetter ? s : 1 - s);
    }
    const objective = active.length === 0 ? null : (100 * weighted) / weightSum;
    const score =
      objective === null || u.panelScore === null
        ? objective
        : (1 - cfg.panelShare) * objective + cfg.panelShare * u.panelScore;
    const sample = u.counters.assigned;
    return { u, sample, rates, shrunk, objective, score, rankable: sample >= cfg.minSample && score !== null };
  });

  // Sort on the unrounded score; ties are judged on the published (rounded) score so that two
  // units showing the same number never get different ranks.
  const byScore = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    (b.score ?? -1) - (a.score ?? -1) || (a.u.unitId < b.u.unitId ? -1 : a.u.unitId > b.u.unitId ? 1 : 0);
  const ranked = scored.filter((s) => s.rankable).sort(byScore);
  const unranked = scored.filter((s) => !s.rankable).sort(byScore);

  let previous: { score: number | null; rank: number } | undefined;
  const out = [...ranked, ...unranked].map((s, i): RankedUnit => {
    const score = round1(s.score);
    let rank: number | null = null;
    if (s.rankable) {
      rank = previous !== undefined && previous.score === score ? previous.rank : i + 1;
      previous = { score, rank };
    }
    return {
      unitId: s.u.unitId,
      name: s.u.name,
      kind: s.u.kind,
      sample: s.sample,
      rates: s.rates,
      shrunk: s.shrunk,
      objectiveScore: round1(s.objective),
      panelScore: round1(s.u.panelScore),
      score,
      rank,
    };
  });
  return { config: cfg, means, units: out };
}
