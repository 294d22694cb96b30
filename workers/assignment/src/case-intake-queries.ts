import { and, desc, eq, getTableColumns, gte, isNull, ne, notInArray } from "drizzle-orm";
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

/** What the duplicate checks compare, from the read model. */
export async function caseText(db: D1Database, caseId: string) {
  const [row] = await getDb(db)
    .select({
      phone: cases.petitionerPhone,
      title: cases.title,
      body: cases.body,
      regionCode: cases.regionCode,
      trackingNo: cases.trackingNo,
      submittedAt: cases.submittedAt,
    })
    .from(cases)
    .where(eq(cases.caseId, caseId));
  return row ?? null;
}

/** Stored signatures of the region's live cases since `since`, other than `caseId`, newest first. */
export async function recentSignatures(db: D1Database, regionCode: string, since: string, caseId: string) {
  return getDb(db)
    .select({ trackingNo: minhashSignatures.trackingNo, signature: minhashSignatures.signature })
    .from(minhashSignatures)
    .innerJoin(cases, eq(cases.caseId, minhashSignatures.caseId))
    .where(
      and(
        eq(minhashSignatures.regionCode, regionCode),
        gte(minhashSignatures.submittedAt, since),
        ne(minhashSignatures.caseId, caseId),
        notInArray(cases.status, ["merged", "rejected"]),
      ),
    )
    .orderBy(desc(minhashSignatures.submittedAt))
    .limit(1000);
}

export async function saveSignature(db: D1Database, row: typeof minhashSignatures.$inferInsert): Promise<void> {
  await getDb(db).insert(minhashSignatures).values(row).onConflictDoNothing();
}

export async function saveDuplicateSuggestions(
  db: D1Database,
  rows: (typeof duplicateSuggestions.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await getDb(db).insert(duplicateSuggestions).values(rows).onConflictDoNothing();
}
