import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { routingRules, screenWords } from "../../../../shared/db/desk-schema";
import { apiKeys, categories, departments, regions, users } from "../../../../shared/db/schema";

/** Everything the admin pages list, in one D1 round trip. */
export async function adminOverview(db: D1Database) {
  const d = getDb(db);
  const [rules, words, userRows, keys, depts, cats, regs] = await d.batch([
    d.select().from(routingRules).orderBy(asc(routingRules.category), asc(routingRules.regionCode)),
    d.select().from(screenWords).orderBy(asc(screenWords.word)),
    d
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        departmentId: users.departmentId,
        publicTitle: users.publicTitle,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .orderBy(asc(users.departmentId), asc(users.role)),
    d
      .select({
        id: apiKeys.id,
        partnerName: apiKeys.partnerName,
        createdAt: apiKeys.createdAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .orderBy(asc(apiKeys.createdAt)),
    d.select().from(departments).orderBy(asc(departments.kind), asc(departments.id)),
    d.select().from(categories).orderBy(asc(categories.code)),
    d.select().from(regions).orderBy(asc(regions.code)),
  ]);
  return { rules, words, users: userRows, keys, departments: depts, categories: cats, regions: regs };
}
export type AdminOverview = Awaited<ReturnType<typeof adminOverview>>;

/** Writes of the admin pages; each one statement. */

export async function saveRoutingRule(db: D1Database, rule: typeof routingRules.$inferInsert): Promise<void> {
  await getDb(db)
    .insert(routingRules)
    .values(rule)
    .onConflictDoUpdate({ target: [routingRules.category, routingRules.regionCode], set: rule });
}

export async function deleteRoutingRule(db: D1Database, category: string, regionCode: string): Promise<void> {
  await getDb(db)
    .delete(routingRules)
    .where(and(eq(routingRules.category, category), eq(routingRules.regionCode, regionCode)));
}

export async function addScreenWord(db: D1Database, word: string, now: string): Promise<void> {
  await getDb(db).insert(screenWords).values({ word, createdAt: now }).onConflictDoNothing();
}

export async function deleteScreenWord(db: D1Database, word: string): Promise<void> {
  await getDb(db).delete(screenWords).where(eq(screenWords.word, word));
}

export async function usernameTaken(db: D1Database, username: string): Promise<boolean> {
  const rows = await getDb(db).select({ id: users.id }).from(users).where(eq(users.username, username));
  return rows.length > 0;
}

export async function createUser(db: D1Database, user: typeof users.$inferInsert): Promise<void> {
  await getDb(db).insert(users).values(user);
}

export async function disableUser(db: D1Database, id: string, now: string): Promise<void> {
  await getDb(db).update(users).set({ disabledAt: now }).where(eq(users.id, id));
}

export async function createApiKey(db: D1Database, key: typeof apiKeys.$inferInsert): Promise<void> {
  await getDb(db).insert(apiKeys).values(key);
}

export async function revokeApiKey(db: D1Database, id: string, now: string): Promise<void> {
  await getDb(db).update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
}
