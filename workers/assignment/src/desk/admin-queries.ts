import { asc } from "drizzle-orm";
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
