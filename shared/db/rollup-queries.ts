import { and, asc, gt, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { COUNTERS } from "../scoring/counters";
import type { RollupIncrement } from "../scoring/rollup-increments";
import { type CaseEventRecord, getDb } from "./case-queries";
import { chunk } from "./chunk";
import { rollupApplied, rollupCounts, rollupUnits } from "./evaluation-schema";
import { caseEvents } from "./schema";

/** The rollups' writes and the rebuild's reads: the live consumer, the rebuild script and tests share them. */

const COUNTER_SET = new Set<string>(COUNTERS);

/**
 * Adds one event's increment, once: every counter row is written only if the event id is not yet
 * in `rollup_applied`, and the id is recorded in the same batch (a D1 batch is one transaction).
 * Each counter goes to its cell and to the three unit sums (department, county, city) the reports
 * read. Increments are sums, so order never matters; a redelivered event finds its id and adds
 * nothing. Cost: a primary-key lookup and four upserts per counter, whatever the number of cases.
 */
export async function applyIncrement(
  db: D1Database,
  eventId: string,
  caseId: string,
  inc: RollupIncrement,
): Promise<void> {
  await db.batch(incrementStatements(db, eventId, caseId, inc));
}

/**
 * Many events' increments in one batch (one transaction, one round trip): each event's statements
 * keep their own guard, so an event twice in the batch, or already applied, adds nothing again.
 */
export async function applyIncrements(
  db: D1Database,
  events: readonly { eventId: string; caseId: string; inc: RollupIncrement }[],
): Promise<void> {
  const statements = events.flatMap((e) => incrementStatements(db, e.eventId, e.caseId, e.inc));
  if (statements.length) await db.batch(statements);
}

function incrementStatements(
  db: D1Database,
  eventId: string,
  caseId: string,
  inc: RollupIncrement,
): D1PreparedStatement[] {
  // Raw: drizzle has no INSERT … SELECT of bound values without a FROM (the NOT EXISTS guard), and
  // one prepared text bound per counter keeps the hot path free of query building.
  const cell = db.prepare(
    `INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM rollup_applied WHERE event_id = ?7)
     ON CONFLICT (period, department_id, region_code, category, counter) DO UPDATE SET n = n + excluded.n`,
  );
  const units = db.prepare(
    `INSERT INTO rollup_units (period, kind, unit_id, counter, n)
     SELECT * FROM (VALUES (?1, 'department', ?2, ?4, ?5), (?1, 'county', ?3, ?4, ?5), (?1, 'city', '', ?4, ?5))
     WHERE NOT EXISTS (SELECT 1 FROM rollup_applied WHERE event_id = ?6)
     ON CONFLICT (period, kind, unit_id, counter) DO UPDATE SET n = n + excluded.n`,
  );
  const statements = Object.entries(inc.counters)
    .filter(([counter, n]) => COUNTER_SET.has(counter) && n)
    .flatMap(([counter, n]) => [
      cell.bind(inc.period, inc.departmentId, inc.regionCode, inc.category, counter, n, eventId),
      units.bind(inc.period, inc.departmentId, inc.regionCode, counter, n, eventId),
    ]);
  return [
    ...statements,
    // Raw with the rest: a D1 batch (one transaction) takes D1 statements only.
    db.prepare("INSERT OR IGNORE INTO rollup_applied (event_id, case_id) VALUES (?, ?)").bind(eventId, caseId),
  ];
}

type Db = ReturnType<typeof getDb>;

/**
 * The unit sums recomputed from the cells: department, county and city, each summed over the rest.
 * INSERT … SELECT with constant columns: drizzle selects a constant only as a sql fragment.
 */
function unitSumQueries(d: Db) {
  const sums = (kind: "department" | "county" | "city", unit: AnySQLiteColumn | null) =>
    d.insert(rollupUnits).select(
      d
        .select({
          period: rollupCounts.period,
          kind: sql<typeof kind>`${kind}`.as("kind"),
          // The city is one unit: its id is ''.
          unitId: unit ? sql<string>`${unit}`.as("unit_id") : sql<string>`''`.as("unit_id"),
          counter: rollupCounts.counter,
          n: sql<number>`sum(${rollupCounts.n})`.as("n"),
        })
        .from(rollupCounts)
        .groupBy(rollupCounts.period, ...(unit ? [unit] : []), rollupCounts.counter),
    );
  return [
    d.delete(rollupUnits),
    sums("department", rollupCounts.departmentId),
    sums("county", rollupCounts.regionCode),
    sums("city", null),
  ] as const;
}

/** Recomputes the unit sums from the cells (tests and benchmarks that write cells directly). */
export async function rebuildUnitSums(db: D1Database): Promise<void> {
  const d = getDb(db);
  await d.batch(unitSumQueries(d));
}

/** One page of the case ids that have events, after `after`, in order: the rebuild walks them. */
export async function caseIdsAfter(db: D1Database, after: string, limit: number): Promise<string[]> {
  const rows = await getDb(db)
    .selectDistinct({ caseId: caseEvents.caseId })
    .from(caseEvents)
    .where(gt(caseEvents.caseId, after))
    .orderBy(asc(caseEvents.caseId))
    .limit(limit);
  return rows.map((r) => r.caseId);
}

/** Every event of the cases in (after, last], by case and seq. */
export function caseEventsBetween(db: D1Database, after: string, last: string): Promise<CaseEventRecord[]> {
  return getDb(db)
    .select()
    .from(caseEvents)
    .where(and(gt(caseEvents.caseId, after), lte(caseEvents.caseId, last)))
    .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
}

/** The live tables, whole, for the rebuild's comparison. */
export async function liveRollups(db: D1Database) {
  const d = getDb(db);
  const [cells, units] = await d.batch([
    d
      .select({
        period: rollupCounts.period,
        departmentId: rollupCounts.departmentId,
        regionCode: rollupCounts.regionCode,
        category: rollupCounts.category,
        counter: rollupCounts.counter,
        n: rollupCounts.n,
      })
      .from(rollupCounts),
    d
      .select({
        period: rollupUnits.period,
        kind: rollupUnits.kind,
        unitId: rollupUnits.unitId,
        counter: rollupUnits.counter,
        n: rollupUnits.n,
      })
      .from(rollupUnits),
  ]);
  return { cells, units };
}

export type RollupCell = typeof rollupCounts.$inferInsert;

/**
 * Replaces the rollups with rebuilt cells in one batch (one transaction): the cells, their unit
 * sums, and every counted event id, so later redeliveries still count once.
 */
export async function replaceRollups(
  db: D1Database,
  cells: readonly RollupCell[],
  applied: readonly { eventId: string; caseId: string }[],
): Promise<void> {
  const d = getDb(db);
  // D1 binds at most 100 parameters a statement: 16 cells of 6, 50 ids of 2.
  const writes: BatchItem<"sqlite">[] = [
    ...chunk(cells, 16).map((rows) => d.insert(rollupCounts).values(rows)),
    ...unitSumQueries(d),
    ...chunk(applied, 50).map((rows) => d.insert(rollupApplied).values(rows).onConflictDoNothing()),
  ];
  await d.batch([d.delete(rollupCounts), ...writes]);
}
