import { chunk } from "../../../shared/db/chunk";
import { maskPersonalData } from "../../../shared/routing/mask";
import { burstScores, clustersFromPairs, extractTerms } from "../../../shared/scoring/opinion";

/**
 * 舆情分析, run by cron: terms of the cases submitted since the last run, then the daily counts,
 * the month's hot and rising terms per region and the clusters of same-problem messages, all into
 * tables the console pages read (a page view never scans cases). Safe to run twice or to die
 * half-way: case terms are written once per case, every aggregate is recomputed for the keys a
 * run touched, and the cursor moves last.
 */

const CASES_PER_BATCH = 400;
const BATCHES_PER_RUN = 10;
/** Cases younger than this may still be in screening; they wait for the next run. */
const SETTLE_MS = 10 * 60_000;
const TOPICS_KEPT = 150;
const WEEKS_OF_BASELINE = 4;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const ALL_REGIONS = "*";

const beijingDay = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function monthBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return { first: `${period}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

interface CaseText {
  case_id: string;
  title: string;
  body: string;
  region_code: string;
  submitted_at: string;
}

export interface OpinionRun {
  cases: number;
  periods: string[];
}

export async function analyseOpinion(env: { DB: D1Database }, now: Date): Promise<OpinionRun> {
  const db = env.DB;
  const names = await nameLists(db);
  const touchedDays = new Set<string>();
  let cursor = (await db
    .prepare("SELECT submitted_at, case_id FROM opinion_cursor WHERE id = 1")
    .first<{ submitted_at: string; case_id: string }>()) ?? { submitted_at: "", case_id: "" };
  let cases = 0;
  const settledBefore = new Date(now.getTime() - SETTLE_MS).toISOString();
  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    const rows = await db
      .prepare(
        `SELECT case_id, title, body, region_code, submitted_at FROM cases
         WHERE (submitted_at, case_id) > (?1, ?2) AND submitted_at < ?3 ORDER BY submitted_at, case_id LIMIT ?4`,
      )
      .bind(cursor.submitted_at, cursor.case_id, settledBefore, CASES_PER_BATCH)
      .all<CaseText>();
    if (rows.results.length === 0) break;
    const terms = rows.results.flatMap((c) => {
      const day = beijingDay(Date.parse(c.submitted_at));
      touchedDays.add(day);
      return extractTerms(maskPersonalData(`${c.title}\n${c.body}`), names.places, names.organisations).map(
        (term) => [c.case_id, term, day, c.region_code] as const,
      );
    });
    const insertTerms = chunk(terms, 25).map((part) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO opinion_case_terms (case_id, term, day, region_code) VALUES ${part.map(() => "(?, ?, ?, ?)").join(", ")}`,
        )
        .bind(...part.flat()),
    );
    const last = rows.results.at(-1) as CaseText;
    cursor = { submitted_at: last.submitted_at, case_id: last.case_id };
    await db.batch([
      ...insertTerms,
      db
        .prepare(
          "INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET submitted_at = ?1, case_id = ?2, ran_at = ?3",
        )
        .bind(cursor.submitted_at, cursor.case_id, now.toISOString()),
    ]);
    cases += rows.results.length;
    if (rows.results.length < CASES_PER_BATCH) break;
  }

  for (const day of touchedDays) await recountDay(db, day);
  // The current month always: ratings (不满意) and rising terms change even without new cases.
  const periods = [
    ...new Set([...[...touchedDays].map((d) => d.slice(0, 7)), beijingDay(now.getTime()).slice(0, 7)]),
  ].sort();
  const today = beijingDay(now.getTime());
  for (const period of periods) {
    await recomputeTopics(db, period, today);
    await recomputeClusters(db, period);
  }
  await db
    .prepare(
      "INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET ran_at = ?3",
    )
    .bind(cursor.submitted_at, cursor.case_id, now.toISOString())
    .run();
  return { cases, periods };
}

async function nameLists(db: D1Database): Promise<{ places: string[]; organisations: string[] }> {
  const [regions, departments] = await Promise.all([
    db.prepare("SELECT name FROM regions").all<{ name: string }>(),
    db.prepare("SELECT name, short_name FROM departments").all<{ name: string; short_name: string | null }>(),
  ]);
  return {
    places: regions.results.map((r) => r.name),
    organisations: departments.results.flatMap((d) => (d.short_name ? [d.name, d.short_name] : [d.name])),
  };
}

/** Messages per term on one day, per region and for the whole city ('*'). */
async function recountDay(db: D1Database, day: string): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM opinion_daily WHERE day = ?").bind(day),
    db
      .prepare(
        "INSERT INTO opinion_daily (day, region_code, term, n) SELECT day, region_code, term, COUNT(*) FROM opinion_case_terms WHERE day = ? GROUP BY region_code, term",
      )
      .bind(day),
    db
      .prepare(
        `INSERT INTO opinion_daily (day, region_code, term, n) SELECT day, '${ALL_REGIONS}', term, COUNT(*) FROM opinion_case_terms WHERE day = ? GROUP BY term`,
      )
      .bind(day),
  ]);
}

/**
 * Hot and rising terms of one month per region. Rising compares the last 7 days of the month (up
 * to today) with the four weeks before, week by week, so a weekday rhythm is not a burst.
 */
async function recomputeTopics(db: D1Database, period: string, today: string): Promise<void> {
  const { first, last } = monthBounds(period);
  const windowEnd = last < today ? last : today;
  const recentStart = addDays(windowEnd, -6);
  const seriesStart = addDays(recentStart, -7 * WEEKS_OF_BASELINE);
  const regions = await db
    .prepare("SELECT DISTINCT region_code FROM opinion_daily WHERE day BETWEEN ? AND ?")
    .bind(first, last)
    .all<{ region_code: string }>();
  const statements: D1PreparedStatement[] = [db.prepare("DELETE FROM opinion_topics WHERE period = ?").bind(period)];
  for (const { region_code: region } of regions.results) {
    const totals = await db
      .prepare(
        "SELECT term, SUM(n) AS n FROM opinion_daily WHERE region_code = ? AND day BETWEEN ? AND ? GROUP BY term ORDER BY n DESC, term LIMIT ?",
      )
      .bind(region, first, last, TOPICS_KEPT)
      .all<{ term: string; n: number }>();
    // Series only for terms that could matter: the month's top terms and any with 5+ recent messages.
    const daily = await db
      .prepare(
        `SELECT term, day, n FROM opinion_daily WHERE region_code = ?1 AND day BETWEEN ?2 AND ?3 AND term IN (
           SELECT term FROM opinion_daily WHERE region_code = ?1 AND day BETWEEN ?4 AND ?3 GROUP BY term HAVING SUM(n) >= 5
           UNION SELECT term FROM (SELECT term FROM opinion_daily WHERE region_code = ?1 AND day BETWEEN ?5 AND ?6 GROUP BY term ORDER BY SUM(n) DESC LIMIT ?7))`,
      )
      .bind(region, seriesStart, windowEnd, recentStart, first, last, TOPICS_KEPT)
      .all<{ term: string; day: string; n: number }>();
    const weeks = new Map<string, number[]>();
    for (const r of daily.results) {
      // The last bucket is the recent week; each earlier bucket is the 7 days before the next.
      const daysBefore = (Date.parse(`${recentStart}T00:00:00Z`) - Date.parse(`${r.day}T00:00:00Z`)) / 86_400_000;
      const week = daysBefore <= 0 ? WEEKS_OF_BASELINE : WEEKS_OF_BASELINE - Math.ceil(daysBefore / 7);
      const counts = weeks.get(r.term) ?? new Array<number>(WEEKS_OF_BASELINE + 1).fill(0);
      if (week >= 0 && week <= WEEKS_OF_BASELINE) counts[week] = (counts[week] ?? 0) + r.n;
      weeks.set(r.term, counts);
    }
    const bursts = new Map(burstScores([...weeks].map(([term, counts]) => ({ term, counts }))).map((b) => [b.term, b]));
    const dissatisfied = await db
      .prepare(
        `SELECT t.term, COUNT(*) AS n FROM opinion_case_terms t JOIN cases c ON c.case_id = t.case_id
         WHERE t.day BETWEEN ?1 AND ?2 AND (?3 = '${ALL_REGIONS}' OR t.region_code = ?3) AND c.rating = 'dissatisfied' GROUP BY t.term`,
      )
      .bind(first, last, region)
      .all<{ term: string; n: number }>();
    const unhappy = new Map(dissatisfied.results.map((r) => [r.term, r.n]));
    const monthTotals = new Map(totals.results.map((r) => [r.term, r.n]));
    const kept = new Set([...monthTotals.keys(), ...[...bursts.values()].filter((b) => b.rising).map((b) => b.term)]);
    const rows = [...kept].map((term) => {
      const b = bursts.get(term);
      return [
        period,
        region,
        term,
        monthTotals.get(term) ?? b?.observed ?? 0,
        b?.observed ?? 0,
        b?.baseline ?? 0,
        b?.score ?? 0,
        b?.rising ? 1 : 0,
        unhappy.get(term) ?? 0,
      ];
    });
    for (const part of chunk(rows, 11)) {
      statements.push(
        db
          .prepare(
            `INSERT INTO opinion_topics (period, region_code, term, n, recent, baseline, burst, rising, dissatisfied) VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
          )
          .bind(...part.flat()),
      );
    }
  }
  await db.batch(statements);
}

/** Clusters of near-duplicates (the intake's suggestions and the dispatcher's merges) among the month's cases. */
async function recomputeClusters(db: D1Database, period: string): Promise<void> {
  const { first, last } = monthBounds(period);
  const [from, to] = [
    new Date(Date.parse(`${first}T00:00:00+08:00`)).toISOString(),
    new Date(Date.parse(`${addDays(last, 1)}T00:00:00+08:00`)).toISOString(),
  ];
  const pairs = await db
    .prepare(
      `SELECT d.case_id AS a, c2.case_id AS b, d.similarity_pct / 100.0 AS similarity FROM duplicate_suggestions d
         JOIN cases c1 ON c1.case_id = d.case_id JOIN cases c2 ON c2.tracking_no = d.candidate_tracking_no
         WHERE c1.submitted_at >= ?1 AND c1.submitted_at < ?2
       UNION ALL
       SELECT c1.case_id AS a, c2.case_id AS b, 1.0 AS similarity FROM cases c1 JOIN cases c2 ON c2.tracking_no = c1.merged_into
         WHERE c1.status = 'merged' AND c1.submitted_at >= ?1 AND c1.submitted_at < ?2`,
    )
    .bind(from, to)
    .all<{ a: string; b: string; similarity: number }>();
  const clusters = clustersFromPairs(pairs.results);
  const statements: D1PreparedStatement[] = [db.prepare("DELETE FROM opinion_clusters WHERE period = ?").bind(period)];
  for (const cluster of clusters) {
    const members = await membersOf(db, cluster.members);
    const earliest = members[0];
    if (!earliest) continue;
    statements.push(
      db
        .prepare(
          "INSERT INTO opinion_clusters (period, cluster_id, size, region_code, label, case_ids) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(
          period,
          cluster.members[0],
          cluster.size,
          earliest.region_code,
          maskPersonalData(earliest.title),
          JSON.stringify(cluster.members),
        ),
    );
  }
  await db.batch(statements);
}

async function membersOf(
  db: D1Database,
  caseIds: readonly string[],
): Promise<{ title: string; region_code: string; submitted_at: string }[]> {
  const out: { title: string; region_code: string; submitted_at: string }[] = [];
  for (const part of chunk(caseIds, 90)) {
    const rows = await db
      .prepare(
        `SELECT title, region_code, submitted_at FROM cases WHERE case_id IN (${part.map(() => "?").join(", ")})`,
      )
      .bind(...part)
      .all<{ title: string; region_code: string; submitted_at: string }>();
    out.push(...rows.results);
  }
  return out.sort((x, y) => (x.submitted_at < y.submitted_at ? -1 : x.submitted_at > y.submitted_at ? 1 : 0));
}
