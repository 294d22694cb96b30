import { COUNTERS, type Counter, type Counters, emptyCounters } from "../scoring/counters";
import {
  DEFAULT_RANKING_CONFIG,
  type Ranking,
  type RankingConfig,
  RankingConfigSchema,
  rankUnits,
} from "../scoring/ranking";

/** Reads the evaluation tables for reports and the console: rollups by unit, panel scores, settings, rankings. */

const COUNTER_SET = new Set<string>(COUNTERS);
export type UnitKind = "department" | "county";

/** Counters per unit for one month: departments, or counties (region codes), summed over the other dimensions. */
export async function unitCounters(db: D1Database, period: string, kind: UnitKind): Promise<Map<string, Counters>> {
  const rows = await db
    .prepare("SELECT unit_id AS unit, counter, n FROM rollup_units WHERE period = ? AND kind = ? AND unit_id <> ''")
    .bind(period, kind)
    .all<{ unit: string; counter: string; n: number }>();
  const out = new Map<string, Counters>();
  for (const r of rows.results) {
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
  const rows = await db
    .prepare(
      "SELECT period, counter, n FROM rollup_units WHERE kind = 'city' AND unit_id = '' AND period BETWEEN ? AND ? ORDER BY period",
    )
    .bind(from, to)
    .all<{ period: string; counter: string; n: number }>();
  const byPeriod = new Map<string, Counters>();
  for (const r of rows.results) {
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
  const row = await db
    .prepare("SELECT value FROM evaluation_settings WHERE key = ?")
    .bind(RANKING_SETTINGS_KEY)
    .first<{ value: string }>();
  const parsed = row ? RankingConfigSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_RANKING_CONFIG;
}

/**
 * 评议得分 per department for a month: each evaluator's mean over the four indicators, averaged
 * with their group's weight. Departments nobody scored are absent.
 */
export async function panelScores(db: D1Database, period: string): Promise<Map<string, number>> {
  const rows = await db
    .prepare(
      `SELECT p.department_id AS unit,
              SUM(g.weight * (p.leadership + p.rules + p.feedback + p.acceptance) / 4.0) / SUM(g.weight) AS score
       FROM panel_scores p JOIN evaluator_members m ON m.user_id = p.user_id JOIN evaluator_groups g ON g.id = m.group_id
       WHERE p.period = ? AND g.weight > 0 GROUP BY p.department_id`,
    )
    .bind(period)
    .all<{ unit: string; score: number }>();
  return new Map(rows.results.map((r) => [r.unit, r.score]));
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

async function unitNames(db: D1Database, kind: UnitKind): Promise<Map<string, string>> {
  const sql = kind === "department" ? "SELECT id AS id, name FROM departments" : "SELECT code AS id, name FROM regions";
  const rows = await db.prepare(sql).all<{ id: string; name: string }>();
  return new Map(rows.results.map((r) => [r.id, r.name]));
}
