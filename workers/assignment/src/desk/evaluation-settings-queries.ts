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

export async function addGroup(db: D1Database, group: typeof evaluatorGroups.$inferInsert): Promise<void> {
  await getDb(db).insert(evaluatorGroups).values(group);
}

/** False when there is no such group (deleted meanwhile). */
export async function editGroup(db: D1Database, id: string, name: string, weight: number): Promise<boolean> {
  const updated = await getDb(db)
    .update(evaluatorGroups)
    .set({ name, weight })
    .where(eq(evaluatorGroups.id, id))
    .returning({ id: evaluatorGroups.id });
  return updated.length > 0;
}

/** Deletes a group without members; false when it has members or is gone. One statement, so a member assigned meanwhile cannot be orphaned. */
export async function deleteEmptyGroup(db: D1Database, id: string): Promise<boolean> {
  const d = getDb(db);
  const deleted = await d
    .delete(evaluatorGroups)
    .where(
      and(
        eq(evaluatorGroups.id, id),
        notExists(d.select({ one: sql`1` }).from(evaluatorMembers).where(eq(evaluatorMembers.groupId, id))),
      ),
    )
    .returning({ id: evaluatorGroups.id });
  return deleted.length > 0;
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
export async function setMembership(db: D1Database, userId: string, groupId: string | null): Promise<void> {
  const d = getDb(db);
  if (groupId === null) {
    await d.delete(evaluatorMembers).where(eq(evaluatorMembers.userId, userId));
    return;
  }
  await d
    .insert(evaluatorMembers)
    .values({ userId, groupId })
    .onConflictDoUpdate({ target: evaluatorMembers.userId, set: { groupId } });
}

export async function saveRankingConfig(db: D1Database, value: RankingConfig, now: string): Promise<void> {
  await getDb(db)
    .insert(evaluationSettings)
    .values({ key: RANKING_SETTINGS_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: evaluationSettings.key, set: { value, updatedAt: now } });
}

/** Back to the defaults in code. */
export async function resetRankingConfig(db: D1Database): Promise<void> {
  await getDb(db).delete(evaluationSettings).where(eq(evaluationSettings.key, RANKING_SETTINGS_KEY));
}
