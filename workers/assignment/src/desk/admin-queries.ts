import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { routingRules, screenWords } from "../../../../shared/db/desk-schema";
import { apiKeys, categories, departments, regions, users } from "../../../../shared/db/schema";

/** An account as the audit log keeps it: everything but the password hash. */
export const accountColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  departmentId: users.departmentId,
  publicTitle: users.publicTitle,
  passwordChangeRequired: users.passwordChangeRequired,
  /** Whether a second factor is set up (never the secret itself). */
  secondFactor: sql<boolean>`${users.totpSecret} IS NOT NULL`.mapWith(Boolean),
  disabledAt: users.disabledAt,
};

/** Everything the admin pages list, in one D1 round trip. */
export async function adminOverview(db: D1Database) {
  const d = getDb(db);
  const [rules, words, userRows, keys, depts, cats, regs] = await d.batch([
    d.select().from(routingRules).orderBy(asc(routingRules.category), asc(routingRules.regionCode)),
    d.select().from(screenWords).orderBy(asc(screenWords.word)),
    d.select(accountColumns).from(users).orderBy(asc(users.departmentId), asc(users.role)),
    d
      .select({
        id: apiKeys.id,
        partnerName: apiKeys.partnerName,
        createdAt: apiKeys.createdAt,
        revokedAt: apiKeys.revokedAt,
        quotaPerMinute: apiKeys.quotaPerMinute,
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

/** Writes of the admin pages: statements for `audited` to run with their audit record. */

export function saveRoutingRule(db: D1Database, rule: typeof routingRules.$inferInsert) {
  return getDb(db)
    .insert(routingRules)
    .values(rule)
    .onConflictDoUpdate({ target: [routingRules.category, routingRules.regionCode], set: rule });
}

export function deleteRoutingRule(db: D1Database, category: string, regionCode: string) {
  return getDb(db)
    .delete(routingRules)
    .where(and(eq(routingRules.category, category), eq(routingRules.regionCode, regionCode)));
}

export async function findRoutingRule(db: D1Database, category: string, regionCode: string) {
  const [row] = await getDb(db)
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.category, category), eq(routingRules.regionCode, regionCode)));
  return row ?? null;
}

export function addScreenWord(db: D1Database, word: string, now: string) {
  return getDb(db).insert(screenWords).values({ word, createdAt: now }).onConflictDoNothing();
}

export function deleteScreenWord(db: D1Database, word: string) {
  return getDb(db).delete(screenWords).where(eq(screenWords.word, word));
}

export async function usernameTaken(db: D1Database, username: string): Promise<boolean> {
  const rows = await getDb(db).select({ id: users.id }).from(users).where(eq(users.username, username));
  return rows.length > 0;
}

export async function findAccount(db: D1Database, id: string) {
  const [row] = await getDb(db).select(accountColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export function createUser(db: D1Database, user: typeof users.$inferInsert) {
  return getDb(db).insert(users).values(user);
}

/** Disables (`at` a time) or re-enables (`at` null) an account. */
export function setUserDisabled(db: D1Database, id: string, at: string | null) {
  return getDb(db).update(users).set({ disabledAt: at }).where(eq(users.id, id));
}

/** A one-time password an admin issued: the account must choose its own at the next sign-in. */
export function setOneTimePassword(db: D1Database, id: string, passwordHash: string) {
  return getDb(db).update(users).set({ passwordHash, passwordChangeRequired: true }).where(eq(users.id, id));
}

export function setApiKeyQuota(db: D1Database, id: string, quotaPerMinute: number) {
  return getDb(db).update(apiKeys).set({ quotaPerMinute }).where(eq(apiKeys.id, id));
}

export function createApiKey(db: D1Database, key: typeof apiKeys.$inferInsert) {
  return getDb(db).insert(apiKeys).values(key);
}

export function revokeApiKey(db: D1Database, id: string, now: string) {
  return getDb(db).update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
}
