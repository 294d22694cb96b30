import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { calendarDays, calendarVersions, categories, timeLimitRules } from "../../../../shared/db/schema";

type Rule = typeof timeLimitRules.$inferSelect;
type Day = typeof calendarDays.$inferSelect;

/** Reads and writes of the 限时办结 settings: time-limit rules and the working-day calendar's versions. */

export async function rulesAndCategories(db: D1Database) {
  const d = getDb(db);
  const [rules, cats] = await Promise.all([
    d
      .select()
      .from(timeLimitRules)
      .orderBy(asc(timeLimitRules.messageType), asc(timeLimitRules.category), asc(timeLimitRules.stage)),
    d.select().from(categories).orderBy(asc(categories.code)),
  ]);
  return { rules, categories: cats };
}

/** False when there is no such rule. */
export async function updateRule(
  db: D1Database,
  id: string,
  set: Partial<typeof timeLimitRules.$inferInsert>,
): Promise<boolean> {
  const updated = await getDb(db)
    .update(timeLimitRules)
    .set(set)
    .where(eq(timeLimitRules.id, id))
    .returning({ id: timeLimitRules.id });
  return updated.length > 0;
}

/** A rule for one category, copied from its type's general rule for the stage; false when there is none. */
export async function copyGeneralRule(
  db: D1Database,
  key: { messageType: string; category: string; stage: Rule["stage"] },
): Promise<boolean> {
  const d = getDb(db);
  const [general] = await d
    .select()
    .from(timeLimitRules)
    .where(
      and(
        eq(timeLimitRules.messageType, key.messageType),
        isNull(timeLimitRules.category),
        eq(timeLimitRules.stage, key.stage),
      ),
    );
  if (!general) return false;
  await d
    .insert(timeLimitRules)
    .values({ ...general, id: `${key.messageType}-${key.category}-${key.stage}`, category: key.category })
    .onConflictDoNothing();
  return true;
}

/** The newest calendar versions, latest first. */
export async function recentCalendarVersions(db: D1Database, limit: number) {
  return getDb(db).select().from(calendarVersions).orderBy(desc(calendarVersions.version)).limit(limit);
}

export async function calendarDaysOf(db: D1Database, version: number) {
  return getDb(db)
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(eq(calendarDays.version, version));
}

/**
 * Writes a calendar version: its days first, the version row last, so that until it exists the new
 * days are invisible to every reader.
 */
export async function saveCalendarVersion(
  db: D1Database,
  version: { version: number; note: string; createdAt: string },
  days: { date: string; kind: Day["kind"]; name: string | null }[],
): Promise<void> {
  const d = getDb(db);
  const rows = days.map((day) => ({ ...day, version: version.version }));
  for (let i = 0; i < rows.length; i += 20)
    await d
      .insert(calendarDays)
      .values(rows.slice(i, i + 20))
      .onConflictDoNothing();
  await d.insert(calendarVersions).values(version);
}
