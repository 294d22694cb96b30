import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { findCaseEvent, getDb, nameIn } from "../../../../shared/db/case-queries";
import { digests, duplicateSuggestions, notifications } from "../../../../shared/db/desk-schema";
import { addressees, cases, categories, departments } from "../../../../shared/db/schema";
import { OPEN_STATUSES } from "../../../../shared/domain/case-model";
import { portalLang } from "../../../../shared/ui/i18n";

const LIST = {
  caseId: cases.caseId,
  trackingNo: cases.trackingNo,
  type: cases.type,
  status: cases.status,
  title: cases.title,
  category: cases.category,
  regionCode: cases.regionCode,
  addressee: cases.addressee,
  departmentId: cases.departmentId,
  submittedAt: cases.submittedAt,
  assignedAt: cases.assignedAt,
  acknowledgedAt: cases.acknowledgedAt,
  dueAt: cases.dueAt,
  statusReason: cases.statusReason,
  pendingExtensionDays: cases.pendingExtensionDays,
  returnCount: cases.returnCount,
};
export type CaseListRow = { [K in keyof typeof LIST]: (typeof cases.$inferSelect)[K] };

const PAGE = 100;

/** The dispatcher's screening queue (定期浏览): every list a person must look at. */
export async function dispatchQueues(db: D1Database) {
  const d = getDb(db);
  const byStatus = (status: string) =>
    d.select(LIST).from(cases).where(eq(cases.status, status)).orderBy(asc(cases.submittedAt)).limit(PAGE);
  const [held, submitted, unrouted, returned, extensions, reopened] = await d.batch([
    byStatus("held"),
    byStatus("submitted"),
    byStatus("accepted"),
    byStatus("returned"),
    d.select(LIST).from(cases).where(isNotNull(cases.pendingExtensionDays)).orderBy(asc(cases.submittedAt)).limit(PAGE),
    byStatus("reopened"),
  ]);
  return { held, submitted, unrouted, returned, extensions, reopened };
}

/** A department's open cases, the most urgent first (earliest due, then longest waiting). */
export async function departmentInbox(db: D1Database, departmentId: string): Promise<CaseListRow[]> {
  return getDb(db)
    .select(LIST)
    .from(cases)
    .where(and(eq(cases.departmentId, departmentId), inArray(cases.status, ["assigned", "acknowledged"])))
    .orderBy(sql`coalesce(${cases.dueAt}, '9999')`, asc(cases.assignedAt))
    .limit(PAGE * 2);
}

/** Drafts waiting for the department's spokesperson. */
export async function reviewQueue(db: D1Database, departmentId: string | null): Promise<CaseListRow[]> {
  const ready = and(eq(cases.status, "acknowledged"), isNotNull(cases.draftText));
  return getDb(db)
    .select(LIST)
    .from(cases)
    .where(departmentId ? and(ready, eq(cases.departmentId, departmentId)) : ready)
    .orderBy(asc(cases.acknowledgedAt))
    .limit(PAGE);
}

/** Messages to leaders' mailboxes: counts by mailbox and state, and the latest ones; `mailboxes` narrows to some. */
export async function leaderSummary(db: D1Database, mailboxes: string[] | null) {
  const d = getDb(db);
  const which = mailboxes ? inArray(cases.addressee, mailboxes) : isNotNull(cases.addressee);
  const [counts, latest] = await d.batch([
    d
      .select({ addressee: cases.addressee, status: cases.status, n: count() })
      .from(cases)
      .where(which)
      .groupBy(cases.addressee, cases.status),
    d.select(LIST).from(cases).where(which).orderBy(desc(cases.submittedAt)).limit(30),
  ]);
  return { counts, latest };
}

export async function mailboxesOf(db: D1Database, departmentId: string): Promise<string[]> {
  const rows = await getDb(db)
    .select({ code: addressees.code })
    .from(addressees)
    .where(eq(addressees.departmentId, departmentId));
  return rows.map((r) => r.code);
}

/** Late or nearly late cases across departments (due within `soonMs`), most overdue first. */
export async function overdueBoard(db: D1Database, now: Date, soonMs: number, departmentId: string | null) {
  const d = getDb(db);
  const horizon = new Date(now.getTime() + soonMs).toISOString();
  const late = and(inArray(cases.status, [...OPEN_STATUSES]), isNotNull(cases.dueAt), lte(cases.dueAt, horizon));
  const [rows, runs] = await d.batch([
    d
      .select(LIST)
      .from(cases)
      .where(departmentId ? and(late, eq(cases.departmentId, departmentId)) : late)
      .orderBy(asc(cases.dueAt))
      .limit(PAGE * 2),
    // Each department's current run: how many of its open cases are past due right now.
    d
      .select({ departmentId: cases.departmentId, n: count() })
      .from(cases)
      .where(
        and(inArray(cases.status, [...OPEN_STATUSES]), isNotNull(cases.dueAt), lte(cases.dueAt, now.toISOString())),
      )
      .groupBy(cases.departmentId)
      .orderBy(desc(count())),
  ]);
  return { rows, runs };
}

export async function latestDigest(db: D1Database, departmentId: string) {
  const [row] = await getDb(db)
    .select()
    .from(digests)
    .where(eq(digests.departmentId, departmentId))
    .orderBy(desc(digests.date))
    .limit(1);
  return row ?? null;
}

/** The departments a case may be assigned to: the active ones. */
export async function listDepartments(db: D1Database) {
  return getDb(db)
    .select({ id: departments.id, name: nameIn(portalLang(), departments), kind: departments.kind })
    .from(departments)
    .where(isNull(departments.deactivatedAt))
    .orderBy(asc(departments.kind), asc(departments.id));
}

export const NOTIFICATION_STATUSES = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "failed",
  "suppressed",
  "unknown",
] as const;

/** The newest notifications (one status, or all), for the platform office's log. */
export async function recentNotifications(db: D1Database, status?: string) {
  const query = getDb(db).select().from(notifications);
  return (status ? query.where(eq(notifications.status, status as (typeof NOTIFICATION_STATUSES)[number])) : query)
    .orderBy(desc(notifications.createdAt))
    .limit(PAGE);
}

/**
 * Who cannot be reached: active accounts with neither phone nor e-mail on their profile, and
 * departments where no handler can be reached or no head is on file (催办 and 督办 then go to
 * the handlers).
 */
export async function unreachable(db: D1Database) {
  const [accounts, gaps] = await db.batch([
    db.prepare(
      `SELECT u.display_name AS name, u.role, d.name AS department FROM users u JOIN departments d ON d.id = u.department_id
       WHERE u.disabled_at IS NULL AND u.phone IS NULL AND u.email IS NULL AND u.role IN ('dispatcher', 'handler', 'spokesperson', 'supervisor')
       ORDER BY d.id, u.role`,
    ),
    db.prepare(
      `SELECT d.name AS department,
         EXISTS (SELECT 1 FROM users u WHERE u.department_id = d.id AND u.role = 'handler' AND u.disabled_at IS NULL
                 AND (u.phone IS NOT NULL OR u.email IS NOT NULL)) AS handler_reachable,
         EXISTS (SELECT 1 FROM users u WHERE u.department_id = d.id AND u.is_head = 1 AND u.disabled_at IS NULL
                 AND (u.phone IS NOT NULL OR u.email IS NOT NULL)) AS head_reachable
       FROM departments d WHERE d.deactivated_at IS NULL AND d.kind != 'office' ORDER BY d.id`,
    ),
  ]);
  const departmentGaps = (gaps?.results ?? []).flatMap((r) => {
    const row = r as { department: string; handler_reachable: number; head_reachable: number };
    return row.handler_reachable && row.head_reachable
      ? []
      : [{ department: row.department, noHandler: !row.handler_reachable, noHead: !row.head_reachable }];
  });
  return {
    accounts: (accounts?.results ?? []) as { name: string; role: string; department: string }[],
    departmentGaps,
  };
}

/** The event that issued a notice, with the case it is about; null when either is missing. */
export async function noticeWithCase(db: D1Database, eventId: string) {
  const event = await findCaseEvent(db, eventId);
  const [row] = event ? await getDb(db).select().from(cases).where(eq(cases.caseId, event.caseId)).limit(1) : [];
  return event && row ? { event, row } : null;
}

/** Earlier messages that look like this one, the likeliest first: the dispatcher may merge it into one. */
export async function duplicatesOf(db: D1Database, caseId: string) {
  return getDb(db)
    .select()
    .from(duplicateSuggestions)
    .where(eq(duplicateSuggestions.caseId, caseId))
    .orderBy(desc(duplicateSuggestions.similarity));
}

export async function categoryExists(db: D1Database, code: string): Promise<boolean> {
  const rows = await getDb(db)
    .select({ code: categories.code })
    .from(categories)
    .where(and(eq(categories.code, code), isNull(categories.deactivatedAt)));
  return rows.length > 0;
}

/** Which of `ids` name an active department (the only ones a case or a rule may be given to). */
export async function knownDepartments(db: D1Database, ids: readonly string[]): Promise<Set<string>> {
  const rows = await getDb(db)
    .select({ id: departments.id })
    .from(departments)
    .where(and(inArray(departments.id, [...ids]), isNull(departments.deactivatedAt)));
  return new Set(rows.map((r) => r.id));
}
