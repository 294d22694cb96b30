import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { BODY_CHARS } from "../scoring/opinion/issues/hot-issues";
import { getDb } from "./case-queries";
import { opinionIssues } from "./evaluation-schema";
import { cases } from "./schema";

/** The hot-issue analysis's reads and writes (热点问题): a month's messages in, its issues out. */

export type OpinionIssue = typeof opinionIssues.$inferInsert;
export type OpinionIssueRow = typeof opinionIssues.$inferSelect;

export interface IssueCase {
  caseId: string;
  title: string;
  body: string;
  submittedAt: string;
  regionCode: string;
  supporters: number;
  /**
   * The petitioner as a number only this query gives meaning to: the phone never leaves D1. Null
   * for a message with no phone (an imported board's), whose writer is unknown, not shared.
   */
  author: number | null;
}

/** Every case submitted in [from, to) and before `settledBefore`. */
export function monthCases(db: D1Database, from: string, to: string, settledBefore: string): Promise<IssueCase[]> {
  const end = to < settledBefore ? to : settledBefore;
  return getDb(db)
    .select({
      caseId: cases.caseId,
      title: cases.title,
      // Only the opening the grouping reads: a month of long letters need not cross into the Worker.
      body: sql<string>`substr(${cases.body}, 1, ${BODY_CHARS})`,
      submittedAt: cases.submittedAt,
      regionCode: cases.regionCode,
      supporters: cases.supporters,
      author: sql<
        number | null
      >`CASE WHEN ${cases.petitionerPhone} = '' THEN NULL ELSE dense_rank() OVER (ORDER BY ${cases.petitionerPhone}) END`,
    })
    .from(cases)
    .where(and(gte(cases.submittedAt, from), lt(cases.submittedAt, end)))
    .orderBy(asc(cases.submittedAt), asc(cases.caseId));
}

/** Replaces a month's issues in one transaction. */
export async function replaceIssues(db: D1Database, period: string, rows: readonly OpinionIssue[]): Promise<void> {
  const d = getDb(db);
  const inserts: BatchItem<"sqlite">[] = rows.map((row) => d.insert(opinionIssues).values(row));
  await d.batch([d.delete(opinionIssues).where(eq(opinionIssues.period, period)), ...inserts]);
}
