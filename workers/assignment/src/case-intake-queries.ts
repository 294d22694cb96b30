import { and, desc, eq, getTableColumns, gte, inArray, isNull, ne, notInArray } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "../../../shared/db/case-queries";
import { duplicateSuggestions, minhashSignatures, routingRules, screenWords } from "../../../shared/db/desk-schema";
import { addressees, cases, categories, configVersion, departments } from "../../../shared/db/schema";

/** Reads and writes of the case-intake consumer: the case and the configuration routing reads, duplicates. */

/**
 * The configuration routing reads — hold words, the 派单目录, leader mailboxes, category names — in
 * one round trip. Only lines and mailboxes of active departments count, so a message for a
 * deactivated one falls to the dispatcher; a deactivated category is never suggested.
 */
export async function loadIntakeConfig(db: D1Database) {
  const d = getDb(db);
  const activeDepartment = (column: SQLiteColumn) => and(eq(departments.id, column), isNull(departments.deactivatedAt));
  const [words, rules, mailboxes, categoryNames] = await d.batch([
    d.select({ word: screenWords.word }).from(screenWords),
    d
      .select(getTableColumns(routingRules))
      .from(routingRules)
      .innerJoin(departments, activeDepartment(routingRules.departmentId)),
    d
      .select({ code: addressees.code, departmentId: addressees.departmentId })
      .from(addressees)
      .innerJoin(departments, activeDepartment(addressees.departmentId))
      .where(isNull(addressees.deactivatedAt)),
    d.select({ code: categories.code, name: categories.name }).from(categories).where(isNull(categories.deactivatedAt)),
  ]);
  return {
    words: words.map((w) => w.word),
    rules,
    mailboxes: new Map(mailboxes.map((m) => [m.code, m.departmentId])),
    // The classifier's labels are the categories' names.
    categoryCodes: new Map(categoryNames.map((c) => [c.name, c.code])),
  };
}

/**
 * What routing needs of a new case, in one round trip: its row, the same phone's other live cases
 * since `since` (oldest first, for the exact-duplicate check) and the configuration's version.
 */
export async function intakeView(db: D1Database, caseId: string, since: string) {
  const d = getDb(db);
  const phoneOf = d.select({ phone: cases.petitionerPhone }).from(cases).where(eq(cases.caseId, caseId));
  const [row, samePhone, version] = await d.batch([
    d
      .select({
        status: cases.status,
        channel: cases.channel,
        trackingNo: cases.trackingNo,
        title: cases.title,
        body: cases.body,
        category: cases.category,
        regionCode: cases.regionCode,
        addressee: cases.addressee,
        submittedAt: cases.submittedAt,
      })
      .from(cases)
      .where(eq(cases.caseId, caseId)),
    d
      .select({
        caseId: cases.caseId,
        trackingNo: cases.trackingNo,
        title: cases.title,
        body: cases.body,
        submittedAt: cases.submittedAt,
      })
      .from(cases)
      .where(
        and(
          eq(cases.petitionerPhone, phoneOf),
          gte(cases.submittedAt, since),
          ne(cases.caseId, caseId),
          notInArray(cases.status, ["merged", "rejected"]),
        ),
      )
      .orderBy(cases.submittedAt)
      .limit(50),
    d.select({ version: configVersion.version }).from(configVersion).where(eq(configVersion.id, 1)),
  ]);
  const self = row[0];
  return self ? { ...self, samePhone, configVersion: version[0]?.version ?? 0 } : null;
}

/**
 * Signatures the consumer stored in D1 before the per-region index, newest 1,000 of the window
 * (what the old scan read), imported into the index once.
 */
export async function legacySignatures(db: D1Database, regionCode: string, since: string) {
  return getDb(db)
    .select({
      caseId: minhashSignatures.caseId,
      trackingNo: minhashSignatures.trackingNo,
      submittedAt: minhashSignatures.submittedAt,
      signature: minhashSignatures.signature,
    })
    .from(minhashSignatures)
    .where(and(eq(minhashSignatures.regionCode, regionCode), gte(minhashSignatures.submittedAt, since)))
    .orderBy(desc(minhashSignatures.submittedAt))
    .limit(1000);
}

/** Which of these cases are merged or rejected: final states, never offered as duplicates. */
export async function closedCases(db: D1Database, caseIds: readonly string[]): Promise<Set<string>> {
  // By primary key only, status filtered here: with the status in the WHERE clause SQLite may walk
  // the status index instead, reading every merged case there is.
  const rows = await getDb(db)
    .select({ caseId: cases.caseId, status: cases.status })
    .from(cases)
    .where(inArray(cases.caseId, [...caseIds]));
  return new Set(rows.filter((r) => r.status === "merged" || r.status === "rejected").map((r) => r.caseId));
}

export async function saveDuplicateSuggestions(
  db: D1Database,
  rows: (typeof duplicateSuggestions.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await getDb(db).insert(duplicateSuggestions).values(rows).onConflictDoNothing();
}
