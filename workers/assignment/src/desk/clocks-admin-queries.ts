import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getDb } from "../../../../shared/db/case-queries";
import { chunk } from "../../../../shared/db/chunk";
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

export async function findRule(db: D1Database, id: string) {
  const [row] = await getDb(db).select().from(timeLimitRules).where(eq(timeLimitRules.id, id));
  return row ?? null;
}

export function updateRule(db: D1Database, id: string, set: Partial<typeof timeLimitRules.$inferInsert>) {
  return getDb(db).update(timeLimitRules).set(set).where(eq(timeLimitRules.id, id));
}

/** A rule for one category copied from its type's general rule for the stage (null when there is none), to insert. */
export async function copyOfGeneralRule(
  db: D1Database,
  key: { messageType: string; category: string; stage: Rule["stage"] },
): Promise<Rule | null> {
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
  return general ? { ...general, id: `${key.messageType}-${key.category}-${key.stage}`, category: key.category } : null;
}

export function insertRule(db: D1Database, rule: Rule) {
  return getDb(db).insert(timeLimitRules).values(rule).onConflictDoNothing();
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

/** A calendar version's statements, to run in one batch: readers see all of it or none. */
export function saveCalendarVersion(
  db: D1Database,
  version: { version: number; note: string; createdAt: string },
  days: { date: string; kind: Day["kind"]; name: string | null }[],
): BatchItem<"sqlite">[] {
  const d = getDb(db);
  const rows = days.map((day) => ({ ...day, version: version.version }));
  return [
    ...chunk(rows, 20).map((part) => d.insert(calendarDays).values(part).onConflictDoNothing()),
    d.insert(calendarVersions).values(version),
  ];
}
