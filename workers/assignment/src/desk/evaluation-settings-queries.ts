import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { RANKING_SETTINGS_KEY } from "../../../../shared/db/evaluation-queries";
import { evaluationSettings, evaluatorGroups, evaluatorMembers } from "../../../../shared/db/evaluation-schema";
import { users } from "../../../../shared/db/schema";
import type { RankingConfig } from "../../../../shared/scoring/ranking";

/** Reads and writes of 评议设置: evaluator groups, their members, the saved ranking settings. */

export async function rankingSaved(db: D1Database): Promise<boolean> {
  const rows = await getDb(db)
    .select({ key: evaluationSettings.key })
    .from(evaluationSettings)
    .where(eq(evaluationSettings.key, RANKING_SETTINGS_KEY));
  return rows.length > 0;
}

/** Writes return statements for `audited` to run with their audit record. */

export function addGroup(db: D1Database, group: typeof evaluatorGroups.$inferInsert) {
  return getDb(db).insert(evaluatorGroups).values(group);
}

/** A group with its member count, or null. */
export async function findGroup(db: D1Database, id: string) {
  const [row] = await getDb(db)
    .select({
      id: evaluatorGroups.id,
      name: evaluatorGroups.name,
      weight: evaluatorGroups.weight,
      members: sql<number>`(SELECT count(*) FROM ${evaluatorMembers} WHERE ${evaluatorMembers.groupId} = ${evaluatorGroups.id})`,
    })
    .from(evaluatorGroups)
    .where(eq(evaluatorGroups.id, id));
  return row ?? null;
}

export function editGroup(db: D1Database, id: string, name: string, weight: number) {
  return getDb(db).update(evaluatorGroups).set({ name, weight }).where(eq(evaluatorGroups.id, id));
}

/** Deletes a group only while it has no members, so a member assigned meanwhile is never orphaned. */
export function deleteEmptyGroup(db: D1Database, id: string) {
  const d = getDb(db);
  return d
    .delete(evaluatorGroups)
    .where(
      and(
        eq(evaluatorGroups.id, id),
        notExists(d.select({ one: sql`1` }).from(evaluatorMembers).where(eq(evaluatorMembers.groupId, id))),
      ),
    );
}

export async function membershipOf(db: D1Database, userId: string): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ groupId: evaluatorMembers.groupId })
    .from(evaluatorMembers)
    .where(eq(evaluatorMembers.userId, userId));
  return row?.groupId ?? null;
}

/** An evaluator account in use (only those may join a group), or null. */
export async function activeEvaluator(db: D1Database, userId: string): Promise<string | null> {
  const [user] = await getDb(db)
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "evaluator"), isNull(users.disabledAt)));
  return user?.id ?? null;
}

export async function groupExists(db: D1Database, id: string): Promise<boolean> {
  const rows = await getDb(db)
    .select({ id: evaluatorGroups.id })
    .from(evaluatorGroups)
    .where(eq(evaluatorGroups.id, id));
  return rows.length > 0;
}

/** Puts the evaluator in `groupId`, or in no group. */
export function setMembership(db: D1Database, userId: string, groupId: string | null) {
  const d = getDb(db);
  if (groupId === null) return d.delete(evaluatorMembers).where(eq(evaluatorMembers.userId, userId));
  return d
    .insert(evaluatorMembers)
    .values({ userId, groupId })
    .onConflictDoUpdate({ target: evaluatorMembers.userId, set: { groupId } });
}

export function saveRankingConfig(db: D1Database, value: RankingConfig, now: string) {
  return getDb(db)
    .insert(evaluationSettings)
    .values({ key: RANKING_SETTINGS_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: evaluationSettings.key, set: { value, updatedAt: now } });
}

/** Back to the defaults in code. */
export function resetRankingConfig(db: D1Database) {
  return getDb(db).delete(evaluationSettings).where(eq(evaluationSettings.key, RANKING_SETTINGS_KEY));
}
