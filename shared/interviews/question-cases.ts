import { formatShanghai } from "../clocks/period";
import type { Answer, Question } from "./questions";
import type { SessionState } from "./session";

/** What an approved question left unanswered becomes: a public 咨询 case at the guest's department. */
export interface QuestionCase {
  questionId: string;
  departmentId: string;
  content: { type: "consult"; title: string; body: string; regionCode: string; isPublic: true };
  /** The assignment's note, which the department's desk shows. */
  note: string;
}

const TITLE_CHARS = 30;

/**
 * Every approved question of an ended session with no answer, in the order they were asked; each
 * becomes a case once (its key is the session and the question). Declined, merged and pending
 * questions never do: only what the moderator put to a guest was promised an answer.
 */
export function unansweredQuestionCases(
  session: SessionState,
  questions: readonly Question[],
  answers: readonly Pick<Answer, "questionId">[],
): QuestionCase[] {
  const answered = new Set(answers.map((a) => a.questionId));
  const day = formatShanghai(session.plan.startsAt).slice(0, 10);
  return questions
    .filter((q) => q.status === "approved" && !answered.has(q.id))
    .sort((a, b) => a.seq - b.seq)
    .flatMap((q) => {
      const guest = session.plan.guests.find((g) => g.id === q.guestId) ?? session.plan.guests[0];
      if (!guest) return [];
      const head = q.publicText.replace(/\s+/g, " ");
      const title = `在线访谈：${head.length > TITLE_CHARS ? `${head.slice(0, TITLE_CHARS)}…` : head}`;
      const origin = `（${day}在线访谈《${session.plan.title}》中向${guest.name}（${guest.title}）提出，访谈结束时尚未答复，转为留言按时限办理。）`;
      return [
        {
          questionId: q.id,
          departmentId: guest.departmentId,
          content: {
            type: "consult",
            title,
            body: `${q.text}\n\n${origin}`,
            regionCode: session.plan.regionCode,
            isPublic: true,
          },
          note: `在线访谈《${session.plan.title}》未答复的提问`.slice(0, 500),
        },
      ];
    });
}
