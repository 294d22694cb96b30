import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getDb } from "../../../../shared/db/case-queries";
import { interviewEntries, interviews } from "../../../../shared/db/interview-schema";
import type { Answer, Question } from "../../../../shared/interviews/questions";
import type { SessionState } from "../../../../shared/interviews/session";

export interface ProjectionInput {
  session: SessionState;
  /** Every question (for the counts) and the approved ones changed since the last projection. */
  questions: readonly Question[];
  changed: readonly Question[];
  answers: readonly Answer[];
  nowIso: string;
}

/**
 * Writes the session's row and its changed transcript entries in one D1 batch. Each row carries
 * the object's version and is only replaced by a newer one, so a late or repeated projection
 * never moves the read model backwards.
 */
export async function projectSession(db: D1Database, input: ProjectionInput): Promise<void> {
  const d = getDb(db);
  const { session, questions, answers } = input;
  const answered = new Set(answers.map((a) => a.questionId));
  const approved = questions.filter((q) => q.status === "approved");
  const row = {
    id: session.id,
    title: session.plan.title,
    description: session.plan.description,
    regionCode: session.plan.regionCode,
    guests: session.plan.guests,
    startsAt: session.plan.startsAt,
    endsAt: session.plan.endsAt,
    endedAt: session.endedAt,
    paused: session.paused,
    approvedCount: approved.length,
    answeredCount: approved.filter((q) => answered.has(q.id)).length,
    casesCount: approved.filter((q) => q.caseTrackingNo !== null).length,
    version: session.version,
    updatedAt: input.nowIso,
  };
  const { id: _id, ...update } = row;
  const statements: BatchItem<"sqlite">[] = [
    d
      .insert(interviews)
      .values(row)
      .onConflictDoUpdate({
        target: interviews.id,
        set: update,
        setWhere: sql`excluded.version >= ${interviews.version}`,
      }),
  ];
  for (const q of input.changed) {
    const own = answers
      .filter((a) => a.questionId === q.id)
      .map((a) => ({ guestId: a.guestId, text: a.text, answeredAt: a.answeredAt }));
    const entry = {
      questionId: q.id,
      interviewId: session.id,
      seq: q.seq,
      questionText: q.publicText,
      askedAt: q.askedAt,
      approvedAt: q.decidedAt ?? q.askedAt,
      guestId: q.guestId ?? "",
      answers: own,
      answerText: own.map((a) => a.text).join("\n"),
      trackingNo: q.caseTrackingNo,
      version: session.version,
    };
    const { questionId: _q, ...entryUpdate } = entry;
    statements.push(
      d
        .insert(interviewEntries)
        .values(entry)
        .onConflictDoUpdate({
          target: interviewEntries.questionId,
          set: entryUpdate,
          setWhere: sql`excluded.version >= ${interviewEntries.version}`,
        }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await d.batch([first, ...rest]);
}
