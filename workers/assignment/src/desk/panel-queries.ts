import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, nameIn } from "../../../../shared/db/case-queries";
import { unitCounters } from "../../../../shared/db/evaluation-queries";
import { evaluatorGroups, evaluatorMembers, panelScores } from "../../../../shared/db/evaluation-schema";
import { departments, users } from "../../../../shared/db/schema";
import { indicatorValue } from "../../../../shared/scoring/indicators";
import { portalLang } from "../../../../shared/ui/i18n";
import type { PanelRow } from "./evaluation.schema";

/** Reads and writes of the 评议 pages: groups, members, the evaluator's own scores. */

export interface EvaluatorGroup {
  id: string;
  name: string;
  weight: number;
}

export interface ScoredDepartment {
  id: string;
  name: string;
  kind: string;
  responseRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

export interface OwnScore {
  leadership: number;
  rules: number;
  feedback: number;
  acceptance: number;
  comment: string | null;
  updatedAt: string;
}

export async function groupOf(db: D1Database, userId: string): Promise<EvaluatorGroup | null> {
  const [row] = await getDb(db)
    .select({ id: evaluatorGroups.id, name: evaluatorGroups.name, weight: evaluatorGroups.weight })
    .from(evaluatorMembers)
    .innerJoin(evaluatorGroups, eq(evaluatorGroups.id, evaluatorMembers.groupId))
    .where(eq(evaluatorMembers.userId, userId))
    .limit(1);
  return row ?? null;
}

/** Municipal departments and county governments (not the platform office or leader offices), with the month's 三率. */
export async function scoredDepartments(db: D1Database, period: string): Promise<ScoredDepartment[]> {
  const [rows, counters] = await Promise.all([
    getDb(db)
      .select({ id: departments.id, name: nameIn(portalLang(), departments), kind: departments.kind })
      .from(departments)
      .where(inArray(departments.kind, ["municipal", "county"]))
      .orderBy(sql`CASE ${departments.kind} WHEN 'municipal' THEN 0 ELSE 1 END`, asc(departments.id)),
    unitCounters(db, period, "department"),
  ]);
  return rows.map((d) => {
    const c = counters.get(d.id);
    return {
      ...d,
      responseRate: c ? indicatorValue("responseRate", c) : null,
      onTimeRate: c ? indicatorValue("onTimeRate", c) : null,
      satisfactionRate: c ? indicatorValue("satisfactionRate", c) : null,
    };
  });
}

export async function ownScores(db: D1Database, period: string, userId: string): Promise<Map<string, OwnScore>> {
  const rows = await getDb(db)
    .select()
    .from(panelScores)
    .where(and(eq(panelScores.period, period), eq(panelScores.userId, userId)));
  return new Map(
    rows.map((r) => [
      r.departmentId,
      {
        leadership: r.leadership,
        rules: r.rules,
        feedback: r.feedback,
        acceptance: r.acceptance,
        comment: r.comment,
        updatedAt: r.updatedAt,
      },
    ]),
  );
}

/** Upserts the evaluator's rows in one batch: saving twice leaves one row per department, updated. */
export async function saveScores(
  db: D1Database,
  period: string,
  userId: string,
  rows: readonly PanelRow[],
  now: string,
): Promise<void> {
  const d = getDb(db);
  const [first, ...rest] = rows.map((r) =>
    d
      .insert(panelScores)
      .values({ period, departmentId: r.departmentId, userId, ...r.scores, comment: r.comment, updatedAt: now })
      .onConflictDoUpdate({
        target: [panelScores.period, panelScores.departmentId, panelScores.userId],
        set: { ...r.scores, comment: r.comment, updatedAt: now },
      }),
  );
  if (first) await d.batch([first, ...rest]);
}

export interface GroupWithMembers extends EvaluatorGroup {
  members: number;
}

export interface EvaluatorAccount {
  id: string;
  username: string;
  displayName: string;
  groupId: string | null;
}

/** The settings page: groups with their member counts, and every evaluator account with its group. */
export async function panelSetup(
  db: D1Database,
): Promise<{ groups: GroupWithMembers[]; evaluators: EvaluatorAccount[] }> {
  const d = getDb(db);
  const [groups, evaluators] = await d.batch([
    d
      .select({
        id: evaluatorGroups.id,
        name: evaluatorGroups.name,
        weight: evaluatorGroups.weight,
        members: sql<number>`(SELECT COUNT(*) FROM evaluator_members m WHERE m.group_id = ${evaluatorGroups.id})`,
      })
      .from(evaluatorGroups)
      .orderBy(asc(evaluatorGroups.name), asc(evaluatorGroups.id)),
    d
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        groupId: evaluatorMembers.groupId,
      })
      .from(users)
      .leftJoin(evaluatorMembers, eq(evaluatorMembers.userId, users.id))
      .where(and(eq(users.role, "evaluator"), isNull(users.disabledAt)))
      .orderBy(asc(users.username)),
  ]);
  return { groups, evaluators };
}
