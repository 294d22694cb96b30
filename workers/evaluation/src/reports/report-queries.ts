import { and, count, desc, eq, gt, gte, isNull, lt, max, min, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { monthBounds } from "../../../../shared/clocks/period";
import { getDb } from "../../../../shared/db/case-queries";
import { accountabilityRecords } from "../../../../shared/db/desk-schema";
import { rollupCounts } from "../../../../shared/db/evaluation-schema";
import { caseEvents, cases, departments } from "../../../../shared/db/schema";
import { UNPUBLISHED_STATUSES } from "../../../../shared/domain/case-model";
import { maskPersonalData } from "../../../../shared/routing/mask";

/**
 * The report's few reads outside the rollups, each through an index: the months that have data
 * (rollup_counts' primary key starts with the period), the month's best and worst replies
 * (case_events by type and time, see below), and the 通报 per department (accountability_department).
 */

type Db = ReturnType<typeof getDb>;

export async function latestPeriod(db: D1Database): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ p: max(rollupCounts.period) })
    .from(rollupCounts);
  return row?.p ?? null;
}

/** The nearest months before and after with data, for the report's previous / next links. */
export async function neighbourPeriods(
  db: D1Database,
  period: string,
): Promise<{ prev: string | null; next: string | null }> {
  const d = getDb(db);
  const [[prev], [next]] = await d.batch([
    d
      .select({ p: max(rollupCounts.period) })
      .from(rollupCounts)
      .where(lt(rollupCounts.period, period)),
    d
      .select({ p: min(rollupCounts.period) })
      .from(rollupCounts)
      .where(gt(rollupCounts.period, period)),
  ]);
  return { prev: prev?.p ?? null, next: next?.p ?? null };
}

/** A rated public case as the report shows it: an allow-list of public columns, the title masked. */
export interface ReplyHighlight {
  trackingNo: string;
  title: string;
  department: string | null;
  departmentEn: string | null;
  status: string;
  rating: string | null;
  resolution: string | null;
  ratedAt: string;
}

const e = alias(caseEvents, "e");
const c = alias(cases, "c");
const dep = alias(departments, "d");
// The rating event's payload fields: JSON inside a column, which drizzle reads only whole.
const rating = sql<string | null>`json_extract(${e.payload}, '$.rating')`;
const resolution = sql<string | null>`json_extract(${e.payload}, '$.resolution')`;

/** Best: satisfied and solved; worst: dissatisfied. */
export type Highlight = "best" | "worst";
const ratedAs = (kind: Highlight) =>
  kind === "best" ? and(eq(rating, "satisfied"), eq(resolution, "solved")) : eq(rating, "dissatisfied");

/**
 * Public cases rated in [from, to) as `kind`, newest rating first. Walks the ratings of the
 * month newest first through case_events (type, at) — the index `case_events_type_at` this query
 * is written for — and stops after `limit` matches.
 */
export function highlightsQuery(d: Db, kind: Highlight, from: string, to: string, limit: number) {
  return d
    .select({
      trackingNo: c.trackingNo,
      title: c.title,
      department: dep.name,
      departmentEn: dep.nameEn,
      status: c.status,
      rating: rating.as("rating"),
      resolution: resolution.as("resolution"),
      ratedAt: e.at,
    })
    .from(e)
    .innerJoin(c, eq(c.caseId, e.caseId))
    .leftJoin(dep, eq(dep.id, c.departmentId))
    .where(
      and(
        eq(e.type, "case.rated"),
        gte(e.at, from),
        lt(e.at, to),
        eq(c.isPublic, true),
        notInArray(c.status, [...UNPUBLISHED_STATUSES]),
        ratedAs(kind),
      ),
    )
    .orderBy(desc(e.at))
    .limit(limit);
}

/** Satisfied-and-solved versus dissatisfied ratings of public cases in the month, newest first, one line per case. */
export async function replyHighlights(
  db: D1Database,
  period: string,
  limit = 5,
): Promise<{ best: ReplyHighlight[]; worst: ReplyHighlight[] }> {
  const { from, to } = monthBounds(period);
  const d = getDb(db);
  // A case rated twice in the month (after a redo) is listed once, at its latest rating.
  const [best, worst] = await d.batch([
    highlightsQuery(d, "best", from, to, limit * 3),
    highlightsQuery(d, "worst", from, to, limit * 3),
  ]);
  const shape = (rows: ReplyHighlight[]) => {
    const latest = new Map<string, ReplyHighlight>();
    for (const r of rows)
      if (!latest.has(r.trackingNo)) latest.set(r.trackingNo, { ...r, title: maskPersonalData(r.title) });
    return [...latest.values()].slice(0, limit);
  };
  return { best: shape(best), worst: shape(worst) };
}

export interface NoticeCount {
  departmentId: string | null;
  name: string | null;
  nameEn: string | null;
  n: number;
}

/**
 * Department by department, so each probe is a range on accountability_department
 * (department_id, recorded_at); the CROSS JOIN keeps SQLite from turning it into a full scan.
 * The second part counts the dispatch stage's (no department).
 */
export function noticesQuery(d: Db, from: string, to: string) {
  const a = alias(accountabilityRecords, "a");
  const r = accountabilityRecords;
  // Both parts typed nullable (the second is the NULL department): a union needs one row type.
  return d
    .select({
      departmentId: sql<string | null>`${dep.id}`,
      name: sql<string | null>`${dep.name}`,
      nameEn: sql<string | null>`${dep.nameEn}`,
      n: count(),
    })
    .from(dep)
    .crossJoin(a)
    .where(and(eq(a.departmentId, dep.id), gte(a.recordedAt, from), lt(a.recordedAt, to)))
    .groupBy(dep.id)
    .unionAll(
      d
        .select({
          departmentId: sql<string | null>`NULL`,
          name: sql<string | null>`NULL`,
          nameEn: sql<string | null>`NULL`,
          n: count(),
        })
        .from(r)
        .where(and(isNull(r.departmentId), gte(r.recordedAt, from), lt(r.recordedAt, to))),
    );
}

/** 通报 recorded in the month per department, most first; `departmentId` null: the dispatch stage. */
export async function noticesByDepartment(db: D1Database, period: string): Promise<NoticeCount[]> {
  const { from, to } = monthBounds(period);
  const rows = await noticesQuery(getDb(db), from, to);
  return rows
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n || String(a.departmentId).localeCompare(String(b.departmentId)));
}
