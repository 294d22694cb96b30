import { and, between, eq, inArray } from "drizzle-orm";
import { addMonths, monthBounds } from "../../../../shared/clocks/period";
import { getDb } from "../../../../shared/db/case-queries";
import { rollupUnits } from "../../../../shared/db/evaluation-schema";
import { portalLang } from "../../../../shared/ui/i18n";

/** The 问责清单: who was chased and noticed, whose replies were redone or boilerplate, whose 签收 came late. */

const COUNTERS = [
  "urged",
  "supervised",
  "noticed",
  "redone",
  "replied",
  "acknowledgedLate",
  "assigned",
  // The reply check's verdicts, recorded when each reply was published (shared/scoring/replies).
  "replyChecked",
  "replyBoilerplate",
] as const;
type Counter = (typeof COUNTERS)[number];
type Tally = Record<Counter, number>;
const emptyTally = (): Tally => ({
  urged: 0,
  supervised: 0,
  noticed: 0,
  redone: 0,
  replied: 0,
  acknowledgedLate: 0,
  assigned: 0,
  replyChecked: 0,
  replyBoilerplate: 0,
});

/** What puts a department on the list in red. */
export const THRESHOLDS = { noticed: 2, supervised: 2, redoRate: 0.2, lateRate: 0.2, boilerplateRate: 0.2 } as const;
export const TRAILING_MONTHS = 3;
/** Rollups and records with no department: the case was late at the dispatch desk. */
export const DISPATCH_STAGE = "分办环节";

export interface DepartmentAccountability {
  departmentId: string;
  name: string;
  month: Tally;
  /** The month and the two before it. */
  trailing: Tally;
  redoRate: number | null;
  lateRate: number | null;
  /** 套话答复 ÷ replies checked this month. */
  boilerplateRate: number | null;
  flags: { noticed: boolean; supervised: boolean; redo: boolean; late: boolean; boilerplate: boolean };
}

const isCounter = (name: string): name is Counter => (COUNTERS as readonly string[]).includes(name);
const rate = (n: number, d: number) => (d === 0 ? null : n / d);

/** Departments (and the dispatch desk) with any 催办, 督办, 通报, 重办, late 签收 or boilerplate reply in the trailing months, worst first. */
export async function departmentAccountability(
  db: D1Database,
  period: string,
  names: Map<string, string>,
): Promise<DepartmentAccountability[]> {
  const first = addMonths(period, -(TRAILING_MONTHS - 1));
  const rows = await getDb(db)
    .select({ period: rollupUnits.period, unit: rollupUnits.unitId, counter: rollupUnits.counter, n: rollupUnits.n })
    .from(rollupUnits)
    .where(
      and(
        between(rollupUnits.period, first, period),
        eq(rollupUnits.kind, "department"),
        inArray(rollupUnits.counter, [...COUNTERS]),
      ),
    );
  const units = new Map<string, { month: Tally; trailing: Tally }>();
  for (const r of rows) {
    if (!isCounter(r.counter)) continue;
    const u = units.get(r.unit) ?? { month: emptyTally(), trailing: emptyTally() };
    u.trailing[r.counter] += r.n;
    if (r.period === period) u.month[r.counter] += r.n;
    units.set(r.unit, u);
  }
  const out: DepartmentAccountability[] = [];
  for (const [departmentId, { month, trailing }] of units) {
    const answerFor =
      trailing.urged +
      trailing.supervised +
      trailing.noticed +
      month.redone +
      month.acknowledgedLate +
      month.replyBoilerplate;
    if (answerFor === 0) continue;
    const redoRate = rate(month.redone, month.replied);
    const lateRate = rate(month.acknowledgedLate, month.assigned);
    const boilerplateRate = rate(month.replyBoilerplate, month.replyChecked);
    out.push({
      departmentId,
      name: departmentId === "" ? DISPATCH_STAGE : (names.get(departmentId) ?? departmentId),
      month,
      trailing,
      redoRate,
      lateRate,
      boilerplateRate,
      flags: {
        noticed: trailing.noticed >= THRESHOLDS.noticed,
        supervised: trailing.supervised >= THRESHOLDS.supervised,
        redo: redoRate !== null && redoRate > THRESHOLDS.redoRate,
        late: lateRate !== null && lateRate > THRESHOLDS.lateRate,
        boilerplate: boilerplateRate !== null && boilerplateRate > THRESHOLDS.boilerplateRate,
      },
    });
  }
  return out.sort(worstFirst);
}

const flagCount = (a: DepartmentAccountability) => Object.values(a.flags).filter(Boolean).length;

function worstFirst(a: DepartmentAccountability, b: DepartmentAccountability): number {
  return (
    flagCount(b) - flagCount(a) ||
    b.trailing.noticed - a.trailing.noticed ||
    b.trailing.supervised - a.trailing.supervised ||
    (b.redoRate ?? 0) - (a.redoRate ?? 0) ||
    (b.lateRate ?? 0) - (a.lateRate ?? 0) ||
    (b.boilerplateRate ?? 0) - (a.boilerplateRate ?? 0) ||
    b.trailing.urged - a.trailing.urged ||
    a.name.localeCompare(b.name, "zh-CN")
  );
}

export interface NoticeRecord {
  trackingNo: string;
  departmentId: string;
  department: string;
  stage: string;
  dueAt: string;
  recordedAt: string;
}

export const RECORDS_SHOWN = 500;

/**
 * The month's 通报 records. Department by department (CROSS JOIN keeps SQLite from a full scan), so
 * each probe is a range on `accountability_department`; records of the dispatch stage have none.
 * Raw SQL: drizzle's SQLite builder has no CROSS JOIN to pin the join order with.
 */
export async function noticeRecords(db: D1Database, period: string): Promise<NoticeRecord[]> {
  const { from, to } = monthBounds(period);
  const rows = await db
    .prepare(
      `SELECT r.tracking_no AS trackingNo, d.id AS departmentId, ${portalLang() === "en" ? "coalesce(d.name_en, d.name)" : "d.name"} AS department, r.stage AS stage, r.due_at AS dueAt, r.recorded_at AS recordedAt
       FROM departments d CROSS JOIN accountability_records r
       WHERE r.department_id = d.id AND r.recorded_at >= ?1 AND r.recorded_at < ?2
       UNION ALL
       SELECT tracking_no, '', '${DISPATCH_STAGE}', stage, due_at, recorded_at FROM accountability_records
       WHERE department_id IS NULL AND recorded_at >= ?1 AND recorded_at < ?2
       ORDER BY recordedAt, trackingNo LIMIT ?3`,
    )
    .bind(from, to, RECORDS_SHOWN + 1)
    .all<NoticeRecord>();
  return rows.results;
}

/**
 * Per handler: 签收 after the acknowledge deadline, and cases 催办 / 督办 / 通报 while they held
 * them (the latest 签收 since the last assignment; none yet = the department had not signed).
 * Bounded to the month by `at`; with an index on case_events (type, at) each branch is a range
 * probe, and the per-case look-ups use case_events_case_seq. Raw SQL: correlated subqueries over
 * JSON payloads, which drizzle's builder could only say as one sql`` fragment anyway.
 */
export const HANDLER_EVENTS_SQL = `
SELECT x.what, x.department_id AS departmentId, x.user_id AS userId, u.display_name AS displayName, c.tracking_no AS trackingNo
FROM (
  SELECT 'late' AS what, e.case_id, e.actor_user_id AS user_id, e.actor_department_id AS department_id
  FROM case_events e
  WHERE e.type = 'case.acknowledged' AND e.at >= ?1 AND e.at < ?2
    AND json_extract(e.payload, '$.dueAt') IS NOT NULL AND julianday(e.at) > julianday(json_extract(e.payload, '$.dueAt'))
  UNION ALL
  SELECT 'urged' AS what, e.case_id,
    (SELECT a.actor_user_id FROM case_events a
      WHERE a.case_id = e.case_id AND a.seq < e.seq AND a.type = 'case.acknowledged'
        AND a.seq > COALESCE((SELECT MAX(s.seq) FROM case_events s WHERE s.case_id = e.case_id AND s.seq < e.seq AND s.type = 'case.assigned'), 0)
      ORDER BY a.seq DESC LIMIT 1) AS user_id,
    COALESCE(json_extract(e.payload, '$.departmentId'),
      (SELECT json_extract(s.payload, '$.departmentId') FROM case_events s
        WHERE s.case_id = e.case_id AND s.seq < e.seq AND s.type = 'case.assigned' ORDER BY s.seq DESC LIMIT 1)) AS department_id
  FROM case_events e
  WHERE e.type IN ('case.escalated', 'case.urged') AND e.at >= ?1 AND e.at < ?2
    AND (e.type = 'case.urged' OR json_extract(e.payload, '$.kind') IN ('urge', 'supervise', 'notice'))
) x
JOIN cases c ON c.case_id = x.case_id
LEFT JOIN users u ON u.id = x.user_id`;

export interface HandlerAccountability {
  departmentId: string;
  department: string;
  userId: string | null;
  displayName: string | null;
  /** Tracking numbers of cases signed for late. */
  late: string[];
  /** Tracking numbers of cases chased (催办 / 督办 / 通报) while the handler held them. */
  urged: string[];
}

export async function handlerAccountability(
  db: D1Database,
  period: string,
  names: Map<string, string>,
): Promise<HandlerAccountability[]> {
  const { from, to } = monthBounds(period);
  const rows = await db.prepare(HANDLER_EVENTS_SQL).bind(from, to).all<{
    what: "late" | "urged";
    departmentId: string | null;
    userId: string | null;
    displayName: string | null;
    trackingNo: string;
  }>();
  const byHandler = new Map<string, HandlerAccountability>();
  for (const r of rows.results) {
    const departmentId = r.departmentId ?? "";
    const key = `${departmentId}\u0000${r.userId ?? ""}`;
    const h = byHandler.get(key) ?? {
      departmentId,
      department: departmentId === "" ? DISPATCH_STAGE : (names.get(departmentId) ?? departmentId),
      userId: r.userId,
      displayName: r.displayName,
      late: [],
      urged: [],
    };
    const list = r.what === "late" ? h.late : h.urged;
    if (!list.includes(r.trackingNo)) list.push(r.trackingNo);
    byHandler.set(key, h);
  }
  return [...byHandler.values()].sort(
    (a, b) =>
      b.late.length + b.urged.length - (a.late.length + a.urged.length) ||
      a.department.localeCompare(b.department, "zh-CN") ||
      (a.displayName ?? "").localeCompare(b.displayName ?? "", "zh-CN"),
  );
}
