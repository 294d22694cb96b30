import { monthBounds } from "../../../../shared/clocks/period";
import { UNPUBLISHED_STATUSES } from "../../../../shared/domain/case-model";
import { maskPersonalData } from "../../../../shared/routing/mask";

/**
 * The report's few reads outside the rollups, each through an index: the months that have data
 * (rollup_counts' primary key starts with the period), the month's best and worst replies
 * (case_events by type and time, see below), and the 通报 per department (accountability_department).
 */

export async function latestPeriod(db: D1Database): Promise<string | null> {
  return db.prepare("SELECT MAX(period) AS p FROM rollup_counts").first<string | null>("p");
}

/** The nearest months before and after with data, for the report's previous / next links. */
export async function neighbourPeriods(
  db: D1Database,
  period: string,
): Promise<{ prev: string | null; next: string | null }> {
  const [prev, next] = await db.batch<{ p: string | null }>([
    db.prepare("SELECT MAX(period) AS p FROM rollup_counts WHERE period < ?").bind(period),
    db.prepare("SELECT MIN(period) AS p FROM rollup_counts WHERE period > ?").bind(period),
  ]);
  return { prev: prev?.results[0]?.p ?? null, next: next?.results[0]?.p ?? null };
}

/** A rated public case as the report shows it: an allow-list of public columns, the title masked. */
export interface ReplyHighlight {
  trackingNo: string;
  title: string;
  department: string | null;
  status: string;
  rating: string | null;
  resolution: string | null;
  ratedAt: string;
}

const PUBLISHED = `c.is_public = 1 AND c.status NOT IN (${UNPUBLISHED_STATUSES.map((s) => `'${s}'`).join(", ")})`;

// Walks the ratings of the month newest first through case_events (type, at) — the index
// `case_events_type_at` this query is written for — and stops after a handful of matches.
const HIGHLIGHTS = (filter: string) => `
  SELECT c.tracking_no AS trackingNo, c.title AS title, d.name AS department, c.status AS status,
         json_extract(e.payload, '$.rating') AS rating, json_extract(e.payload, '$.resolution') AS resolution, e.at AS ratedAt
  FROM case_events e
  JOIN cases c ON c.case_id = e.case_id
  LEFT JOIN departments d ON d.id = c.department_id
  WHERE e.type = 'case.rated' AND e.at >= ? AND e.at < ? AND ${PUBLISHED} AND ${filter}
  ORDER BY e.at DESC LIMIT ?`;

export const BEST_REPLIES_SQL = HIGHLIGHTS(
  "json_extract(e.payload, '$.rating') = 'satisfied' AND json_extract(e.payload, '$.resolution') = 'solved'",
);
export const WORST_REPLIES_SQL = HIGHLIGHTS("json_extract(e.payload, '$.rating') = 'dissatisfied'");

/** Satisfied-and-solved versus dissatisfied ratings of public cases in the month, newest first, one line per case. */
export async function replyHighlights(
  db: D1Database,
  period: string,
  limit = 5,
): Promise<{ best: ReplyHighlight[]; worst: ReplyHighlight[] }> {
  const { from, to } = monthBounds(period);
  // A case rated twice in the month (after a redo) is listed once, at its latest rating.
  const [best, worst] = await db.batch<ReplyHighlight>(
    [BEST_REPLIES_SQL, WORST_REPLIES_SQL].map((sql) => db.prepare(sql).bind(from, to, limit * 3)),
  );
  const shape = (rows: ReplyHighlight[]) => {
    const latest = new Map<string, ReplyHighlight>();
    for (const r of rows)
      if (!latest.has(r.trackingNo)) latest.set(r.trackingNo, { ...r, title: maskPersonalData(r.title) });
    return [...latest.values()].slice(0, limit);
  };
  return { best: shape(best?.results ?? []), worst: shape(worst?.results ?? []) };
}

export interface NoticeCount {
  departmentId: string | null;
  name: string | null;
  n: number;
}

// Department by department, so each probe is a range on accountability_department
// (department_id, recorded_at); CROSS JOIN keeps SQLite from turning it into a full scan.
export const NOTICES_SQL = `
  SELECT d.id AS departmentId, d.name AS name, COUNT(*) AS n
  FROM departments d CROSS JOIN accountability_records a
  WHERE a.department_id = d.id AND a.recorded_at >= ? AND a.recorded_at < ?
  GROUP BY d.id
  UNION ALL
  SELECT NULL, NULL, COUNT(*) FROM accountability_records WHERE department_id IS NULL AND recorded_at >= ? AND recorded_at < ?`;

/** 通报 recorded in the month per department, most first; `departmentId` null: the dispatch stage. */
export async function noticesByDepartment(db: D1Database, period: string): Promise<NoticeCount[]> {
  const { from, to } = monthBounds(period);
  const rows = await db.prepare(NOTICES_SQL).bind(from, to, from, to).all<NoticeCount>();
  return rows.results
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n || String(a.departmentId).localeCompare(String(b.departmentId)));
}
