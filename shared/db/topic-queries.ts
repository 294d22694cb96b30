import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CaseStatus } from "../domain/case-model";
import { getDb } from "./case-queries";
import { chunk } from "./chunk";
import { monthlyTopics, opinionIssues } from "./evaluation-schema";
import { cases, departments } from "./schema";

/** 每月一题's reads and writes: the console chooses and follows a topic, the portal shows it. */

export type MonthlyTopic = typeof monthlyTopics.$inferSelect;

export interface TopicCase {
  caseId: string;
  trackingNo: string;
  title: string;
  status: CaseStatus;
  departmentId: string | null;
  isPublic: boolean;
}

export async function topicById(db: D1Database, id: string): Promise<MonthlyTopic | null> {
  const [row] = await getDb(db).select().from(monthlyTopics).where(eq(monthlyTopics.id, id)).limit(1);
  return row ? { ...row, caseIds: stringsOf(row.caseIds) } : null;
}

export async function topicOfPeriod(db: D1Database, period: string): Promise<MonthlyTopic | null> {
  const [row] = await getDb(db).select().from(monthlyTopics).where(eq(monthlyTopics.period, period)).limit(1);
  return row ? { ...row, caseIds: stringsOf(row.caseIds) } : null;
}

/** Every topic, newest month first. */
export async function allTopics(db: D1Database): Promise<MonthlyTopic[]> {
  const rows = await getDb(db).select().from(monthlyTopics).orderBy(desc(monthlyTopics.period));
  return rows.map((r) => ({ ...r, caseIds: stringsOf(r.caseIds) }));
}

/** One stored hot issue: what a topic is chosen from (its case ids are taken from here, never from a form). */
export async function issueAt(db: D1Database, period: string, rank: number) {
  const [row] = await getDb(db)
    .select({ label: opinionIssues.label, messages: opinionIssues.messages, caseIds: opinionIssues.caseIds })
    .from(opinionIssues)
    .where(and(eq(opinionIssues.period, period), eq(opinionIssues.rank, rank)))
    .limit(1);
  return row ? { ...row, caseIds: stringsOf(row.caseIds) } : null;
}

/** The linked cases in the order they were linked. */
export async function topicCases(db: D1Database, caseIds: readonly string[]): Promise<TopicCase[]> {
  const d = getDb(db);
  const found = new Map<string, TopicCase>();
  for (const part of chunk(caseIds, 90)) {
    const rows = await d
      .select({
        caseId: cases.caseId,
        trackingNo: cases.trackingNo,
        title: cases.title,
        status: cases.status,
        departmentId: cases.departmentId,
        isPublic: cases.isPublic,
      })
      .from(cases)
      .where(inArray(cases.caseId, part));
    for (const r of rows) found.set(r.caseId, { ...r, status: r.status as CaseStatus });
  }
  return caseIds.flatMap((id) => found.get(id) ?? []);
}

export async function activeDepartments(db: D1Database): Promise<{ id: string; name: string }[]> {
  return getDb(db)
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(isNull(departments.deactivatedAt))
    .orderBy(asc(departments.name));
}

export function insertTopic(db: D1Database, topic: typeof monthlyTopics.$inferInsert): BatchItem<"sqlite"> {
  return getDb(db).insert(monthlyTopics).values(topic);
}

/** Links more cases; only while the topic is open (a closed topic's record does not change). */
export function setTopicCases(db: D1Database, id: string, caseIds: readonly string[]): BatchItem<"sqlite"> {
  return getDb(db)
    .update(monthlyTopics)
    .set({ caseIds: [...caseIds] })
    .where(and(eq(monthlyTopics.id, id), eq(monthlyTopics.status, "open")));
}

export function closeTopic(db: D1Database, id: string, outcome: string, at: string): BatchItem<"sqlite"> {
  return getDb(db)
    .update(monthlyTopics)
    .set({ status: "closed", outcome, closedAt: at })
    .where(and(eq(monthlyTopics.id, id), eq(monthlyTopics.status, "open")));
}

/** Case ids from a JSON column another Worker writes: keep only the ones that are strings. */
export function stringsOf(ids: unknown): string[] {
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
}
