import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { toShanghaiIso } from "../../../../shared/clocks/period";
import { getDb } from "../../../../shared/db/case-queries";
import { interviewEntries, interviews } from "../../../../shared/db/interview-schema";
import type { InterviewSnapshot } from "../../../../shared/interviews/contract";
import type {
  Guest,
  InterviewSummary,
  PublicGuest,
  PublicInterview,
} from "../../../../shared/interviews/interview.schema";
import { statusAt } from "../../../../shared/interviews/session";

export type InterviewRow = typeof interviews.$inferSelect;

const LISTED = 60;

export function publicGuests(guests: readonly Guest[], names: ReadonlyMap<string, string>): PublicGuest[] {
  return guests.map((g) => ({ ...g, department: names.get(g.departmentId) ?? g.departmentId }));
}

/** A read-model row as the list shows it; the status follows the clock, not the row's age. */
export function summaryOf(row: InterviewRow, names: ReadonlyMap<string, string>, nowMs: number): InterviewSummary {
  const session = { plan: { startsAt: row.startsAt, endsAt: row.endsAt }, endedAt: row.endedAt };
  return {
    id: row.id,
    title: row.title,
    status: statusAt(session, nowMs),
    startsAt: toShanghaiIso(row.startsAt),
    endsAt: toShanghaiIso(row.endedAt && row.endedAt < row.endsAt ? row.endedAt : row.endsAt),
    guests: publicGuests(row.guests, names),
  };
}

/** The session's own object's view with department names: `GET /api/v1/interviews/{id}` and the page. */
export function publicInterview(snapshot: InterviewSnapshot, names: ReadonlyMap<string, string>): PublicInterview {
  const { session } = snapshot;
  const ends = Math.min(Date.parse(session.plan.endsAt), Date.parse(session.endedAt ?? session.plan.endsAt));
  return {
    id: session.id,
    title: session.plan.title,
    description: session.plan.description,
    status: snapshot.status,
    paused: session.paused,
    startsAt: toShanghaiIso(session.plan.startsAt),
    endsAt: toShanghaiIso(ends),
    guests: publicGuests(session.plan.guests, names),
    version: session.version,
    questions: snapshot.questions,
  };
}

/** The newest sessions (live, coming and past), newest start first. */
export async function recentInterviews(db: D1Database): Promise<InterviewRow[]> {
  return getDb(db).select().from(interviews).orderBy(desc(interviews.startsAt)).limit(LISTED);
}

/** Sessions not yet over, the soonest first: the home page's announcement. */
export async function comingInterviews(db: D1Database, nowMs: number, limit = 3): Promise<InterviewRow[]> {
  const now = new Date(nowMs).toISOString();
  return getDb(db)
    .select()
    .from(interviews)
    .where(and(gt(interviews.endsAt, now), or(isNull(interviews.endedAt), gt(interviews.endedAt, now))))
    .orderBy(interviews.startsAt)
    .limit(limit);
}

export interface TranscriptHit {
  interviewId: string;
  title: string;
  questionId: string;
  questionText: string;
  answerText: string;
  approvedAt: string;
}

/** Approved questions and answers containing `q` (the board's search beside the cases), newest first. */
export async function searchTranscripts(db: D1Database, q: string, limit = 5): Promise<TranscriptHit[]> {
  // instr(): a plain substring test, as a reader expects of a search box (LIKE would read % and _).
  return getDb(db)
    .select({
      interviewId: interviewEntries.interviewId,
      title: interviews.title,
      questionId: interviewEntries.questionId,
      questionText: interviewEntries.questionText,
      answerText: interviewEntries.answerText,
      approvedAt: interviewEntries.approvedAt,
    })
    .from(interviewEntries)
    .innerJoin(interviews, eq(interviews.id, interviewEntries.interviewId))
    .where(
      or(
        sql`instr(${interviewEntries.questionText}, ${q}) > 0`,
        sql`instr(${interviewEntries.answerText}, ${q}) > 0`,
        sql`instr(${interviews.title}, ${q}) > 0`,
      ),
    )
    .orderBy(desc(interviewEntries.approvedAt))
    .limit(limit);
}
