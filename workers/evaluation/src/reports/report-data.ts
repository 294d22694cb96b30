import { addMonths, periodsEnding } from "../../../../shared/clocks/period";
import { monthlyRankingWithCounters, monthlyTotals, type UnitKind } from "../../../../shared/db/evaluation-queries";
import { type Counters, emptyCounters } from "../../../../shared/scoring/counters";
import {
  INDICATOR_IDS,
  INDICATORS,
  type IndicatorId,
  type RateParts,
  rateParts,
} from "../../../../shared/scoring/indicators";
import type { RankedUnit, Ranking, RankingConfig } from "../../../../shared/scoring/ranking";
import {
  type NoticeCount,
  neighbourPeriods,
  noticesByDepartment,
  type ReplyHighlight,
  replyHighlights,
} from "./report-queries";

/** Everything the monthly report shows, read from the rollups plus two small indexed queries. */

export interface ReportUnit extends RankedUnit {
  /** Numerator and denominator (n) of every indicator, so each rate is printed with its sample. */
  parts: Record<IndicatorId, RateParts>;
}

export interface UnitTable {
  kind: UnitKind;
  units: ReportUnit[];
  /** The pooled rates the shrinkage pulls toward. */
  means: Record<IndicatorId, number | null>;
}

export interface ReportData {
  period: string;
  prev: string | null;
  next: string | null;
  config: RankingConfig;
  /** City-wide counters of the month (every department and the dispatch desk). */
  totals: Counters;
  hasData: boolean;
  departments: UnitTable;
  counties: UnitTable;
  /** The 12 months up to the report's, oldest first; null where a month has no data. */
  trend: { period: string; counters: Counters | null }[];
  best: ReplyHighlight[];
  worst: ReplyHighlight[];
  notices: NoticeCount[];
}

const TREND_MONTHS = 12;

function table(
  kind: UnitKind,
  { ranking, counters }: { ranking: Ranking; counters: Map<string, Counters> },
): UnitTable {
  const units = ranking.units.map((u) => {
    const c = counters.get(u.unitId) ?? emptyCounters();
    return {
      ...u,
      parts: Object.fromEntries(INDICATOR_IDS.map((id) => [id, rateParts(INDICATORS[id], c)])) as Record<
        IndicatorId,
        RateParts
      >,
    };
  });
  return { kind, units, means: ranking.means };
}

export async function loadReport(db: D1Database, period: string): Promise<ReportData> {
  const [departments, counties, totals, neighbours, highlights, notices] = await Promise.all([
    monthlyRankingWithCounters(db, period, "department"),
    monthlyRankingWithCounters(db, period, "county"),
    monthlyTotals(db, addMonths(period, 1 - TREND_MONTHS), period),
    neighbourPeriods(db, period),
    replyHighlights(db, period),
    noticesByDepartment(db, period),
  ]);
  const byPeriod = new Map(totals.map((t) => [t.period, t.counters]));
  const trend = periodsEnding(period, TREND_MONTHS).map((p) => ({ period: p, counters: byPeriod.get(p) ?? null }));
  const month = byPeriod.get(period);
  return {
    period,
    ...neighbours,
    config: departments.ranking.config,
    totals: month ?? emptyCounters(),
    hasData: month !== undefined,
    departments: table("department", departments),
    counties: table("county", counties),
    trend,
    ...highlights,
    notices,
  };
}
