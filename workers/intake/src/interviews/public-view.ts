import { toShanghaiIso } from "../../../../shared/clocks/period";
import type { InterviewSnapshot } from "../../../../shared/interviews/contract";
import type { LiveFrame, PublicAnswer, PublicQuestion } from "../../../../shared/interviews/interview.schema";
import type { Answer, Question } from "../../../../shared/interviews/questions";
import { type SessionState, statusAt } from "../../../../shared/interviews/session";

/**
 * What viewers see of a session, built from the object's storage: approved questions only (masked
 * text, never the asker), in the order they were approved, each with its answers. Times are Beijing
 * time with the offset, as in every view.
 */

export function publicAnswer(a: Answer): PublicAnswer {
  return { id: a.id, guestId: a.guestId, text: a.text, answeredAt: toShanghaiIso(a.answeredAt) };
}

export function publicQuestion(q: Question, answers: readonly Answer[], mergedCount: number): PublicQuestion {
  return {
    id: q.id,
    text: q.publicText,
    askedAt: toShanghaiIso(q.askedAt),
    approvedAt: toShanghaiIso(q.decidedAt ?? q.askedAt),
    guestId: q.guestId ?? "",
    mergedCount,
    answers: answers.filter((a) => a.questionId === q.id).map(publicAnswer),
    caseTrackingNo: q.caseTrackingNo,
  };
}

export function mergedCounts(questions: readonly Question[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of questions)
    if (q.status === "merged" && q.mergedInto) counts.set(q.mergedInto, (counts.get(q.mergedInto) ?? 0) + 1);
  return counts;
}

export function snapshotOf(
  session: SessionState,
  questions: readonly Question[],
  answers: readonly Answer[],
  nowMs: number,
): InterviewSnapshot {
  const merged = mergedCounts(questions);
  const approved = questions
    .filter((q) => q.status === "approved")
    .sort((a, b) => (a.decidedAt ?? "").localeCompare(b.decidedAt ?? "") || a.seq - b.seq);
  return {
    session,
    status: statusAt(session, nowMs),
    questions: approved.map((q) => publicQuestion(q, answers, merged.get(q.id) ?? 0)),
  };
}

export function statusFrame(session: SessionState, nowMs: number): LiveFrame {
  return {
    type: "status",
    version: session.version,
    status: statusAt(session, nowMs),
    paused: session.paused,
    startsAt: toShanghaiIso(session.plan.startsAt),
    endsAt: toShanghaiIso(
      Math.min(Date.parse(session.plan.endsAt), Date.parse(session.endedAt ?? session.plan.endsAt)),
    ),
  };
}
