import { and, desc, eq, getTableColumns, gte, inArray, isNull, ne } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "../../../shared/db/case-queries";
import { duplicateSuggestions, minhashSignatures, routingRules, screenWords } from "../../../shared/db/desk-schema";
import { addressees, cases, categories, departments, intakeReceipts } from "../../../shared/db/schema";

/** Reads and writes of the case-intake consumer: receipts, screening words, routing, duplicates. */

export async function recordReceipt(db: D1Database, receipt: typeof intakeReceipts.$inferInsert): Promise<void> {
  await getDb(db).insert(intakeReceipts).values(receipt).onConflictDoNothing();
}

export async function screeningWords(db: D1Database): Promise<string[]> {
  const rows = await getDb(db).select({ word: screenWords.word }).from(screenWords);
  return rows.map((r) => r.word);
}

/**
 * The 派单目录 and which department reads each leader's mailbox: only lines and mailboxes whose
 * department is active, so a message for a deactivated one falls to the dispatcher.
 */
export async function routingTable(db: D1Database) {
  const d = getDb(db);
  const activeDepartment = (column: SQLiteColumn) => and(eq(departments.id, column), isNull(departments.deactivatedAt));
  const [rules, mailboxes] = await Promise.all([
    d
      .select(getTableColumns(routingRules))
      .from(routingRules)
      .innerJoin(departments, activeDepartment(routingRules.departmentId)),
    d
      .select({ code: addressees.code, departmentId: addressees.departmentId })
      .from(addressees)
      .innerJoin(departments, activeDepartment(addressees.departmentId))
      .where(isNull(addressees.deactivatedAt)),
  ]);
  return { rules, mailboxes: new Map(mailboxes.map((m) => [m.code, m.departmentId])) };
}

/** The category codes the classifier's labels stand for: a label is the category's name. */
export async function categoryCodesByName(db: D1Database): Promise<Map<string, string>> {
  const rows = await getDb(db)
    .select({ code: categories.code, name: categories.name })
    .from(categories)
    .where(isNull(categories.deactivatedAt));
  return new Map(rows.map((r) => [r.name, r.code]));
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

/** Live cases from `phone` since `since`, other than `caseId`, oldest first. */
export async function recentFromPhone(db: D1Database, phone: string, since: string, caseId: string) {
  return getDb(db)
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
        eq(cases.petitionerPhone, phone),
        gte(cases.submittedAt, since),
        ne(cases.caseId, caseId),
        ne(cases.status, "merged"),
        ne(cases.status, "rejected"),
      ),
    )
    .orderBy(cases.submittedAt)
    .limit(50);
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
