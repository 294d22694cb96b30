import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, nameIn } from "../../../shared/db/case-queries";
import { monthlyTotals } from "../../../shared/db/evaluation-queries";
import { caseEvents, cases, departments, timeLimitRules, users } from "../../../shared/db/schema";
import { UNPUBLISHED_STATUSES } from "../../../shared/domain/case-model";
import type { Counters } from "../../../shared/scoring/counters";
import { portalLang } from "../../../shared/ui/i18n";

/**
 * The reads behind the public portal. Every query names the columns it reads: the petitioner's
 * name, phone, e-mail and address are never selected here, so no public page can print them.
 */

/** `cases` and `case_events` as `c` and `e`, the names the query plans (and their tests) speak of. */
export const c = alias(cases, "c");
const e = alias(caseEvents, "e");

/** The columns a public page may read about a case (what `publicView` needs), over `cases c`. */
export const PUBLIC_CASE = {
  caseId: c.caseId,
  trackingNo: c.trackingNo,
  type: c.type,
  status: c.status,
  title: c.title,
  body: c.body,
  category: c.category,
  regionCode: c.regionCode,
  isPublic: c.isPublic,
  departmentId: c.departmentId,
  receiptHash: c.receiptHash,
  statusReason: c.statusReason,
  submittedAt: c.submittedAt,
  assignedAt: c.assignedAt,
  acknowledgedAt: c.acknowledgedAt,
  repliedAt: c.repliedAt,
  dueAt: c.dueAt,
  replyText: c.replyText,
  replyOutcome: c.replyOutcome,
  replySpokespersonName: c.replySpokespersonName,
  replySpokespersonTitle: c.replySpokespersonTitle,
  rating: c.rating,
  mergedInto: c.mergedInto,
  supporters: c.supporters,
  mergedCount: c.mergedCount,
  /** When the read model last changed (Open311's updated_datetime); not part of the public view. */
  updatedAt: c.updatedAt,
};

/** Which case object a tracking number names, whatever its state (the object decides what may be done). */
export async function caseIdByTrackingNo(db: D1Database, trackingNo: string): Promise<string | null> {
  const [row] = await getDb(db).select({ caseId: cases.caseId }).from(cases).where(eq(cases.trackingNo, trackingNo));
  return row?.caseId ?? null;
}

export async function findPublicCase(db: D1Database, trackingNo: string) {
  const [row] = await getDb(db).select(PUBLIC_CASE).from(c).where(eq(c.trackingNo, trackingNo)).limit(1);
  return row ?? null;
}

/** The columns of a line of the board, the home page's latest replies and a department's recent replies. */
export const LISTED = {
  caseId: c.caseId,
  trackingNo: c.trackingNo,
  type: c.type,
  status: c.status,
  title: c.title,
  category: c.category,
  regionCode: c.regionCode,
  departmentId: c.departmentId,
  submittedAt: c.submittedAt,
  repliedAt: c.repliedAt,
  replyText: c.replyText,
  replySpokespersonName: c.replySpokespersonName,
  replySpokespersonTitle: c.replySpokespersonTitle,
  rating: c.rating,
  supporters: c.supporters,
};
export interface ListedCase {
  caseId: string;
  trackingNo: string;
  type: string;
  status: string;
  title: string;
  category: string | null;
  regionCode: string;
  departmentId: string | null;
  submittedAt: string;
  repliedAt: string | null;
  replyText: string | null;
  replySpokespersonName: string | null;
  replySpokespersonTitle: string | null;
  rating: string | null;
  supporters: number;
}

/** "The platform accepted it": held, unscreened, refused and merged messages are never listed. */
export const PUBLISHED: SQL | undefined = and(eq(c.isPublic, true), notInArray(c.status, [...UNPUBLISHED_STATUSES]));
/** Accepted like a published case, but the citizen did not consent: counted, never listed. */
export const NOT_PUBLIC: SQL | undefined = and(eq(c.isPublic, false), notInArray(c.status, [...UNPUBLISHED_STATUSES]));
const ANSWERED = ["replied", "closed"];

/**
 * The newest published replies, newest first, walked through the reply events' (type, at) index
 * and stopping at `limit`. `replied_at = e.at` keeps only the current reply of a redone case.
 */
export function latestRepliesQuery(db: D1Database, limit: number) {
  return getDb(db)
    .select(LISTED)
    .from(e)
    .innerJoin(c, eq(c.caseId, e.caseId))
    .where(and(eq(e.type, "case.reply_published"), PUBLISHED, inArray(c.status, ANSWERED), eq(c.repliedAt, e.at)))
    .orderBy(desc(e.at))
    .limit(limit);
}

export async function latestReplies(db: D1Database, limit: number): Promise<ListedCase[]> {
  return latestRepliesQuery(db, limit);
}

/** A department's recent published replies: its own answered cases through (department_id, status). */
export function departmentRepliesQuery(db: D1Database, departmentId: string, limit: number) {
  return getDb(db)
    .select(LISTED)
    .from(c)
    .where(
      and(
        eq(c.departmentId, departmentId),
        inArray(c.status, ANSWERED),
        // The unary + keeps the planner off (is_public, submitted_at), which would walk every public
        // case; drizzle's operators have no way to say it.
        sql`+${c.isPublic} = 1`,
        isNotNull(c.repliedAt),
      ),
    )
    .orderBy(desc(c.repliedAt))
    .limit(limit);
}

export async function departmentReplies(db: D1Database, departmentId: string, limit: number): Promise<ListedCase[]> {
  return departmentRepliesQuery(db, departmentId, limit);
}

export interface TypeLimits {
  acknowledge: LimitRule | null;
  reply: LimitRule | null;
  rating: LimitRule | null;
}
export interface LimitRule {
  value: number | null;
  unit: string;
}

/** The default rule (any category) of each message type for the stages a citizen meets. */
export async function limitsByType(db: D1Database): Promise<Map<string, TypeLimits>> {
  const rows = await getDb(db)
    .select({
      type: timeLimitRules.messageType,
      stage: timeLimitRules.stage,
      value: timeLimitRules.limitValue,
      unit: timeLimitRules.unit,
    })
    .from(timeLimitRules)
    .where(isNull(timeLimitRules.category));
  const out = new Map<string, TypeLimits>();
  for (const r of rows) {
    if (r.stage !== "acknowledge" && r.stage !== "reply" && r.stage !== "rating") continue;
    const limits = out.get(r.type) ?? { acknowledge: null, reply: null, rating: null };
    limits[r.stage] = { value: r.value, unit: r.unit };
    out.set(r.type, limits);
  }
  return out;
}

/** City-wide counters for one month, or null when the rollups hold nothing for it. */
export async function cityCounters(db: D1Database, period: string): Promise<Counters | null> {
  const [month] = await monthlyTotals(db, period, period);
  if (!month || Object.values(month.counters).every((n) => n === 0)) return null;
  return month.counters;
}

export interface PublicDepartment {
  id: string;
  name: string;
  kind: string;
  /** 负责人: the head answers for the department in public. */
  headName: string | null;
  headTitle: string | null;
}

/** Departments that take cases (the platform office itself is left out), in the catalogue's order. */
export async function publicDepartments(db: D1Database): Promise<PublicDepartment[]> {
  return getDb(db)
    .select({
      id: departments.id,
      name: nameIn(portalLang(), departments),
      kind: departments.kind,
      headName: departments.headName,
      headTitle: departments.headTitle,
    })
    .from(departments)
    .where(ne(departments.kind, "office"))
    .orderBy(asc(departments.kind), asc(departments.id));
}

/** Spokespeople by public name and title only: the allow-list of what a spokesperson's account shows. */
export async function spokespeopleOf(db: D1Database, departmentId?: string) {
  const conditions = [eq(users.role, "spokesperson"), isNull(users.disabledAt)];
  if (departmentId) conditions.push(eq(users.departmentId, departmentId));
  return getDb(db)
    .select({
      departmentId: departments.id,
      department: nameIn(portalLang(), departments),
      name: users.displayName,
      title: users.publicTitle,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(...conditions))
    .orderBy(asc(departments.kind), asc(departments.id), asc(users.displayName));
}
