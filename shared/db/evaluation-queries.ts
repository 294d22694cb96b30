import { and, between, eq, gt, ne, sql } from "drizzle-orm";
import { COUNTERS, type Counter, type Counters, emptyCounters } from "../scoring/counters";
import {
  DEFAULT_RANKING_CONFIG,
  type Ranking,
  type RankingConfig,
  RankingConfigSchema,
  rankUnits,
} from "../scoring/ranking";
import { type Lang, portalLang } from "../ui/i18n";
import { getDb, nameIn } from "./case-queries";
import {
  evaluationSettings,
  evaluatorGroups,
  evaluatorMembers,
  panelScores as panelScoresTable,
  rollupUnits,
} from "./evaluation-schema";
import { departments, regions } from "./schema";

/** Reads the evaluation tables for reports and the console: rollups by unit, panel scores, settings, rankings. */

const COUNTER_SET = new Set<string>(COUNTERS);
export type UnitKind = "department" | "county";

/** Counters per unit for one month: departments, or counties (region codes), summed over the other dimensions. */
export async function unitCounters(db: D1Database, period: string, kind: UnitKind): Promise<Map<string, Counters>> {
  const u = rollupUnits;
  const rows = await getDb(db)
    .select({ unit: u.unitId, counter: u.counter, n: u.n })
    .from(u)
    .where(and(eq(u.period, period), eq(u.kind, kind), ne(u.unitId, "")));
  const out = new Map<string, Counters>();
  for (const r of rows) {
    if (!COUNTER_SET.has(r.counter)) continue;
    const counters = out.get(r.unit) ?? emptyCounters();
    counters[r.counter as Counter] = r.n;
    out.set(r.unit, counters);
  }
  return out;
}

/** City-wide counters per month for a range of periods (the trend lines), oldest first. */
export async function monthlyTotals(
  db: D1Database,
  from: string,
  to: string,
): Promise<{ period: string; counters: Counters }[]> {
  const u = rollupUnits;
  const rows = await getDb(db)
    .select({ period: u.period, counter: u.counter, n: u.n })
    .from(u)
    .where(and(eq(u.kind, "city"), eq(u.unitId, ""), between(u.period, from, to)))
    .orderBy(u.period);
  const byPeriod = new Map<string, Counters>();
  for (const r of rows) {
    if (!COUNTER_SET.has(r.counter)) continue;
    const counters = byPeriod.get(r.period) ?? emptyCounters();
    counters[r.counter as Counter] = r.n;
    byPeriod.set(r.period, counters);
  }
  return [...byPeriod].map(([period, counters]) => ({ period, counters }));
}

export const RANKING_SETTINGS_KEY = "ranking";

/** The admin's ranking settings, or the defaults when none are saved (or the saved ones no longer validate). */
export async function loadRankingConfig(db: D1Database): Promise<RankingConfig> {
  const [row] = await getDb(db)
    .select({ value: evaluationSettings.value })
    .from(evaluationSettings)
    .where(eq(evaluationSettings.key, RANKING_SETTINGS_KEY));
  const parsed = row ? RankingConfigSchema.safeParse(row.value) : null;
  return parsed?.success ? parsed.data : DEFAULT_RANKING_CONFIG;
}

/**
 * 评议得分 per department for a month: each evaluator's mean over the four indicators, averaged
 * with their group's weight. Departments nobody scored are absent.
 */
export async function panelScores(db: D1Database, period: string): Promise<Map<string, number>> {
  const p = panelScoresTable;
  const g = evaluatorGroups;
  const rows = await getDb(db)
    .select({
      unit: p.departmentId,
      // Arithmetic over columns: drizzle has aggregates but no operators, so the weighted mean is a fragment.
      score: sql<number>`sum(${g.weight} * (${p.leadership} + ${p.rules} + ${p.feedback} + ${p.acceptance}) / 4.0) / sum(${g.weight})`,
    })
    .from(p)
    .innerJoin(evaluatorMembers, eq(evaluatorMembers.userId, p.userId))
    .innerJoin(g, eq(g.id, evaluatorMembers.groupId))
    .where(and(eq(p.period, period), gt(g.weight, 0)))
    .groupBy(p.departmentId);
  return new Map(rows.map((r) => [r.unit, r.score]));
}

/**
 * The month's ranking of departments or counties: every unit with cases in the month, named, with
 * the evaluators' panel score for departments. The contract of `GET /api/v1/rankings`.
 */
export async function monthlyRanking(db: D1Database, period: string, kind: UnitKind): Promise<Ranking> {
  return (await monthlyRankingWithCounters(db, period, kind)).ranking;
}

/** The ranking and the counters it was computed from (the report prints each rate with its n). */
export async function monthlyRankingWithCounters(
  db: D1Database,
  period: string,
  kind: UnitKind,
): Promise<{ ranking: Ranking; counters: Map<string, Counters> }> {
  const [counters, config, panel, names] = await Promise.all([
    unitCounters(db, period, kind),
    loadRankingConfig(db),
    kind === "department" ? panelScores(db, period) : Promise.resolve(new Map<string, number>()),
    unitNames(db, kind),
  ]);
  const units = [...counters].map(([unitId, c]) => ({
    unitId,
    name: names.get(unitId) ?? unitId,
    kind,
    counters: c,
    panelScore: panel.get(unitId) ?? null,
  }));
  return { ranking: rankUnits(units, config), counters };
}

/** Units by their name in the page's language: the report and the rankings API answer `lang=en` in English. */
async function unitNames(db: D1Database, kind: UnitKind, lang: Lang = portalLang()): Promise<Map<string, string>> {
  const d = getDb(db);
  const rows = await (kind === "department"
    ? d.select({ id: departments.id, name: nameIn(lang, departments) }).from(departments)
    : d.select({ id: regions.code, name: nameIn(lang, regions) }).from(regions));
  return new Map(rows.map((r) => [r.id, r.name]));
}
