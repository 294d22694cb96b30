import { and, asc, between, desc, eq, gt, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias, union } from "drizzle-orm/sqlite-core";
import { getDb } from "./case-queries";
import { chunk } from "./chunk";
import { duplicateSuggestions } from "./desk-schema";
import { opinionCaseTerms, opinionClusters, opinionCursor, opinionDaily, opinionTopics } from "./evaluation-schema";
import { cases, departments, regions } from "./schema";

/** The opinion analysis's reads and writes (舆情分析): case terms, daily counts, topics, clusters, the cursor. */

/** The region code of the whole city in the opinion tables. */
export const ALL_REGIONS = "*";

export interface OpinionCursor {
  submittedAt: string;
  caseId: string;
}

export interface CaseText {
  caseId: string;
  title: string;
  body: string;
  regionCode: string;
  submittedAt: string;
}

export type CaseTerm = typeof opinionCaseTerms.$inferInsert;
export type OpinionTopic = typeof opinionTopics.$inferInsert;
export type OpinionCluster = typeof opinionClusters.$inferInsert;

/** Where the last run got to; the start of time before the first. */
export async function readCursor(db: D1Database): Promise<OpinionCursor> {
  const [row] = await getDb(db)
    .select({ submittedAt: opinionCursor.submittedAt, caseId: opinionCursor.caseId })
    .from(opinionCursor)
    .where(eq(opinionCursor.id, 1));
  return row ?? { submittedAt: "", caseId: "" };
}

/** The next cases submitted after the cursor and before `settledBefore`, in (submitted_at, case_id) order. */
export function casesAfter(
  db: D1Database,
  after: OpinionCursor,
  settledBefore: string,
  limit: number,
): Promise<CaseText[]> {
  return getDb(db)
    .select({
      caseId: cases.caseId,
      title: cases.title,
      body: cases.body,
      regionCode: cases.regionCode,
      submittedAt: cases.submittedAt,
    })
    .from(cases)
    .where(
      and(
        // A row value: drizzle has no (a, b) > (x, y), and cases_submitted serves it as one range.
        sql`(${cases.submittedAt}, ${cases.caseId}) > (${after.submittedAt}, ${after.caseId})`,
        lt(cases.submittedAt, settledBefore),
      ),
    )
    .orderBy(asc(cases.submittedAt), asc(cases.caseId))
    .limit(limit);
}

function cursorUpsert(d: ReturnType<typeof getDb>, cursor: OpinionCursor, ranAt: string, move: boolean) {
  return d
    .insert(opinionCursor)
    .values({ id: 1, ...cursor, ranAt })
    .onConflictDoUpdate({ target: opinionCursor.id, set: move ? { ...cursor, ranAt } : { ranAt } });
}

/** A batch's case terms (written once per case) and the cursor moved past it, in one transaction. */
export async function saveCaseTerms(
  db: D1Database,
  terms: readonly CaseTerm[],
  cursor: OpinionCursor,
  ranAt: string,
): Promise<void> {
  const d = getDb(db);
  // Raw: rows as one JSON parameter read by json_each, so a batch of cases is a few statements rather
  // than one per 25 rows (D1's 100 bound parameters); drizzle has no INSERT … SELECT FROM json_each.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO opinion_case_terms (case_id, term, day, region_code)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
  );
  const rows = chunk(terms, TERMS_PER_STATEMENT).map((part) =>
    insert.bind(JSON.stringify(part.map((t) => [t.caseId, t.term, t.day, t.regionCode]))),
  );
  // One D1 batch (one transaction) takes D1 statements only: the cursor's upsert goes as its SQL.
  const moved = cursorUpsert(d, cursor, ranAt, true).toSQL();
  await db.batch([db.prepare(moved.sql).bind(...moved.params), ...rows]);
}

/** About 100 KB of JSON per statement, well within D1's limits on a bound value. */
const TERMS_PER_STATEMENT = 2000;

/** Records the run's time without moving the cursor. */
export async function markRun(db: D1Database, cursor: OpinionCursor, ranAt: string): Promise<void> {
  await cursorUpsert(getDb(db), cursor, ranAt, false);
}

/**
 * Place names and department names (and short names), kept whole when a message is split into terms.
 * The board's word search splits a query with the same lists, or its words would not meet the indexed ones.
 */
export async function nameLists(db: D1Database): Promise<{ places: string[]; organisations: string[] }> {
  const d = getDb(db);
  const [places, organisations] = await d.batch([
    d.select({ name: regions.name }).from(regions),
    d.select({ name: departments.name, shortName: departments.shortName }).from(departments),
  ]);
  return {
    places: places.map((r) => r.name),
    organisations: organisations.flatMap((o) => (o.shortName ? [o.name, o.shortName] : [o.name])),
  };
}

/** The regions (and '*') with counts between two dates. */
export async function regionsWithCounts(db: D1Database, first: string, last: string): Promise<string[]> {
  const rows = await getDb(db)
    .selectDistinct({ regionCode: opinionDaily.regionCode })
    .from(opinionDaily)
    .where(between(opinionDaily.day, first, last));
  return rows.map((r) => r.regionCode);
}

// drizzle's sum() reads back a string; the counts are integers.
const termSum = sql<number>`sum(${opinionDaily.n})`;

/** A region's most frequent terms between two dates, most first. */
export function termTotals(
  db: D1Database,
  region: string,
  first: string,
  last: string,
  limit: number,
): Promise<{ term: string; n: number }[]> {
  return getDb(db)
    .select({ term: opinionDaily.term, n: termSum.as("n") })
    .from(opinionDaily)
    .where(and(eq(opinionDaily.regionCode, region), between(opinionDaily.day, first, last)))
    .groupBy(opinionDaily.term)
    .orderBy(desc(termSum), asc(opinionDaily.term))
    .limit(limit);
}

/**
 * A region's daily counts from `seriesStart` to `windowEnd`, only for terms that could matter: the
 * top `limit` terms of [first, last] and any with 5+ messages since `recentStart`.
 */
export function termSeries(
  db: D1Database,
  region: string,
  range: { seriesStart: string; recentStart: string; windowEnd: string; first: string; last: string },
  limit: number,
): Promise<{ term: string; day: string; n: number }[]> {
  const d = getDb(db);
  const inRegion = eq(opinionDaily.regionCode, region);
  const busyLately = d
    .select({ term: opinionDaily.term })
    .from(opinionDaily)
    .where(and(inRegion, between(opinionDaily.day, range.recentStart, range.windowEnd)))
    .groupBy(opinionDaily.term)
    .having(sql`${termSum} >= 5`);
  const top = d
    .select({ term: opinionDaily.term })
    .from(opinionDaily)
    .where(and(inRegion, between(opinionDaily.day, range.first, range.last)))
    .groupBy(opinionDaily.term)
    .orderBy(desc(termSum))
    .limit(limit)
    .as("top");
  return d
    .select({ term: opinionDaily.term, day: opinionDaily.day, n: opinionDaily.n })
    .from(opinionDaily)
    .where(
      and(
        inRegion,
        between(opinionDaily.day, range.seriesStart, range.windowEnd),
        inArray(opinionDaily.term, union(busyLately, d.select({ term: top.term }).from(top))),
      ),
    );
}

/**
 * Per term, of the region's (or the city's) cases between two dates: how many their citizen rated
 * 不满意, and how many supporters (附议) they have. Terms with neither are left out.
 */
export function termReactions(
  db: D1Database,
  region: string,
  first: string,
  last: string,
): Promise<{ term: string; dissatisfied: number; supporters: number }[]> {
  const t = opinionCaseTerms;
  // Aggregates over a condition: drizzle has count() and sum() but no FILTER, so they are fragments.
  const dissatisfied = sql<number>`sum(${cases.rating} = 'dissatisfied')`.mapWith(Number);
  const supporters = sql<number>`sum(${cases.supporters})`.mapWith(Number);
  return getDb(db)
    .select({ term: t.term, dissatisfied, supporters })
    .from(t)
    .innerJoin(cases, eq(cases.caseId, t.caseId))
    .where(
      and(
        between(t.day, first, last),
        region === ALL_REGIONS ? undefined : eq(t.regionCode, region),
        or(eq(cases.rating, "dissatisfied"), gt(cases.supporters, 0)),
      ),
    )
    .groupBy(t.term);
}

/** Replaces a month's topics in one transaction. */
export async function replaceTopics(db: D1Database, period: string, rows: readonly OpinionTopic[]): Promise<void> {
  const d = getDb(db);
  // 10 columns: 10 rows stay within D1's 100 bound parameters.
  const inserts: BatchItem<"sqlite">[] = chunk(rows, 10).map((part) => d.insert(opinionTopics).values(part));
  await d.batch([d.delete(opinionTopics).where(eq(opinionTopics.period, period)), ...inserts]);
}

/**
 * Pairs of the same problem among cases submitted in [from, to): the intake's near-duplicate
 * suggestions (with their similarity) and the dispatcher's merges (similarity 1).
 */
export function duplicatePairs(
  db: D1Database,
  from: string,
  to: string,
): Promise<{ a: string; b: string; similarity: number }[]> {
  const d = getDb(db);
  const c1 = alias(cases, "c1");
  const c2 = alias(cases, "c2");
  const s = duplicateSuggestions;
  const submitted = and(gte(c1.submittedAt, from), lt(c1.submittedAt, to));
  // The similarity is computed (percent to a fraction, 1 for a merge): drizzle has no arithmetic or constant columns.
  return d
    .select({ a: s.caseId, b: c2.caseId, similarity: sql<number>`${s.similarity} / 100.0`.as("similarity") })
    .from(s)
    .innerJoin(c1, eq(c1.caseId, s.caseId))
    .innerJoin(c2, eq(c2.trackingNo, s.candidateTrackingNo))
    .where(submitted)
    .unionAll(
      d
        .select({ a: c1.caseId, b: c2.caseId, similarity: sql<number>`1.0`.as("similarity") })
        .from(c1)
        .innerJoin(c2, eq(c2.trackingNo, c1.mergedInto))
        .where(and(eq(c1.status, "merged"), submitted)),
    );
}

/** Title, region and submission time of some cases, earliest first. */
export async function caseSummaries(
  db: D1Database,
  caseIds: readonly string[],
): Promise<{ title: string; regionCode: string; submittedAt: string }[]> {
  const d = getDb(db);
  const out: { title: string; regionCode: string; submittedAt: string }[] = [];
  for (const part of chunk(caseIds, 90))
    out.push(
      ...(await d
        .select({ title: cases.title, regionCode: cases.regionCode, submittedAt: cases.submittedAt })
        .from(cases)
        .where(inArray(cases.caseId, part))),
    );
  return out.sort((x, y) => (x.submittedAt < y.submittedAt ? -1 : x.submittedAt > y.submittedAt ? 1 : 0));
}

/** Replaces a month's clusters in one transaction. */
export async function replaceClusters(db: D1Database, period: string, rows: readonly OpinionCluster[]): Promise<void> {
  const d = getDb(db);
  const inserts: BatchItem<"sqlite">[] = rows.map((row) => d.insert(opinionClusters).values(row));
  await d.batch([d.delete(opinionClusters).where(eq(opinionClusters.period, period)), ...inserts]);
}
