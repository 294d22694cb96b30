import * as z from "zod";
import { PERIOD_PATTERN } from "../clocks/period";
import type { Ranking } from "./ranking";

/**
 * The public contract of `GET /api/v1/rankings` (DESIGN.md §5): served by the evaluation Worker,
 * documented in intake's OpenAPI document, read by partners' scoreboard widgets.
 */

export const Period = z
  .string()
  .regex(PERIOD_PATTERN, "period must be a month, YYYY-MM")
  .meta({ description: "A month in Beijing time, YYYY-MM", example: "2026-03" });

export const UnitKind = z
  .enum(["department", "county"])
  .meta({ description: "Departments (default) or counties and districts (region codes)" });

export const RankingsQuery = z.object({
  period: Period.optional().meta({ description: "The month; without it the latest month with data" }),
  kind: UnitKind.default("department"),
});

const Rate = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: "Raw rate in 0…1 (four decimals), null when the unit had no case in its denominator" });

export const RankingsUnit = z
  .object({
    unitId: z.string(),
    name: z.string(),
    kind: UnitKind,
    sample: z
      .int()
      .nonnegative()
      .meta({ description: "Assignments (交办件数) in the month: what minSample is compared with" }),
    responseRate: Rate,
    onTimeRate: Rate,
    resolutionRate: Rate,
    satisfactionRate: Rate,
    score: z.number().min(0).max(100).nullable().meta({
      description: "Composite score 0…100 (one decimal) from the shrunk rates and the evaluators' panel score",
    }),
    rank: z.int().positive().nullable().meta({ description: "1 = best; null below minSample (or without any data)" }),
  })
  .meta({ id: "RankingsUnit" });
export type RankingsUnit = z.infer<typeof RankingsUnit>;

export const Rankings = z
  .object({ period: Period, minSample: z.int().positive(), units: z.array(RankingsUnit) })
  .meta({ id: "Rankings" });
export type Rankings = z.infer<typeof Rankings>;

const round4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** The contract's view of a month's ranking: ranked units first (best first), then the unranked. */
export function rankingsBody(period: string, ranking: Ranking): Rankings {
  return {
    period,
    minSample: ranking.config.minSample,
    units: ranking.units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      kind: u.kind,
      sample: u.sample,
      responseRate: round4(u.rates.responseRate),
      onTimeRate: round4(u.rates.onTimeRate),
      resolutionRate: round4(u.rates.resolutionRate),
      satisfactionRate: round4(u.rates.satisfactionRate),
      score: u.score,
      rank: u.rank,
    })),
  };
}
