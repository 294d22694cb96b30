import * as z from "zod";
import { type Actor, ROLES } from "../domain/case-model";
import { DomainError, Forbidden } from "../domain/errors";
import { can } from "../domain/permissions";
import { maskPersonalData } from "../routing/mask";
import type { ScreeningVerdict } from "../routing/screening";
import { InterviewId, QuestionId } from "./interview.schema";
import { InterviewConflict, type SessionState, statusAt } from "./session";

/**
 * A citizen's question and what the moderator and the guests do with it, as pure functions over
 * plain data: the session's durable object reads, calls these, and writes what they return.
 *
 *   pending ──approve──► approved ──answer──► (answered: approved with answers)
 *      ├──decline──► declined
 *      └──merge────► merged (into another pending or approved question)
 */
export const QUESTION_STATUSES = ["pending", "approved", "declined", "merged"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export interface Question {
  id: string;
  /** Arrival order within the session. */
  seq: number;
  /** As sent (the case made from it carries this; public views never do). */
  text: string;
  /** What viewers see once approved: masked, possibly shortened by the moderator. */
  publicText: string;
  status: QuestionStatus;
  /** Why screening asked for a closer look (the word list), or why it declined outright (spam). */
  flag: string | null;
  askedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  declineReason: string | null;
  mergedInto: string | null;
  guestId: string | null;
  /** Whether the asker left a phone (the phone itself is kept apart and never leaves the object but into the case). */
  hasPhone: boolean;
  caseTrackingNo: string | null;
}

export interface Answer {
  id: string;
  questionId: string;
  guestId: string;
  text: string;
  answeredAt: string;
  /** The staff account that typed it (the guest's own, or a typist's). */
  answeredBy: string;
}

const reason = z.string().trim().min(2).max(200);

export const ModerationCommand = z.discriminatedUnion("name", [
  z.strictObject({
    name: z.literal("approve"),
    questionId: QuestionId,
    guestId: z.string().regex(/^g[1-8]$/),
    /** The moderator's shortened wording; masked again before it is shown. */
    text: z.string().trim().min(10).max(500).optional(),
  }),
  z.strictObject({ name: z.literal("decline"), questionId: QuestionId, reason }),
  z.strictObject({ name: z.literal("merge"), questionId: QuestionId, intoQuestionId: QuestionId }),
  z.strictObject({
    name: z.literal("answer"),
    questionId: QuestionId,
    guestId: z.string().regex(/^g[1-8]$/),
    text: z.string().trim().min(2).max(4000),
  }),
  z.strictObject({ name: z.literal("pause") }),
  z.strictObject({ name: z.literal("resume") }),
  z.strictObject({ name: z.literal("end") }),
]);
export type ModerationCommand = z.infer<typeof ModerationCommand>;

export const ModerationInput = z.strictObject({
  interviewId: InterviewId,
  idempotencyKey: z.string().min(8).max(200),
  actor: z.strictObject({
    role: z.enum(ROLES),
    userId: z.string().min(1).max(64),
    departmentId: z.string().max(64).optional(),
  }),
  command: ModerationCommand,
  now: z.iso.datetime({ offset: true }).optional(),
});
export type ModerationInput = z.input<typeof ModerationInput>;

/** What one command changed: the object writes exactly this and pushes the matching frames. */
export type ModerationChange =
  | { kind: "question"; question: Question; into?: Question }
  | { kind: "answer"; question: Question; answer: Answer }
  | { kind: "session"; session: SessionState };

/** A new question: screened like a message (spam declined at once, a listed word flagged for the moderator). */
export function newQuestion(
  session: SessionState,
  input: { id: string; seq: number; text: string; hasPhone: boolean },
  verdict: ScreeningVerdict,
  nowMs: number,
): Question {
  if (statusAt(session, nowMs) === "ended")
    throw new InterviewConflict("interview_ended", "The interview has ended and takes no more questions.");
  const at = new Date(nowMs).toISOString();
  const spam = verdict.action === "reject";
  return {
    id: input.id,
    seq: input.seq,
    text: input.text,
    publicText: maskPersonalData(input.text),
    status: spam ? "declined" : "pending",
    flag: verdict.action === "pass" ? null : verdict.reason,
    askedAt: at,
    decidedAt: spam ? at : null,
    decidedBy: spam ? "screening" : null,
    declineReason: spam ? verdict.reason : null,
    mergedInto: null,
    guestId: null,
    hasPhone: input.hasPhone,
    caseTrackingNo: null,
  };
}

const moderator = (actor: Actor) => {
  if (!can(actor, "interview.moderate")) throw new Forbidden("moderate", actor.role);
};

function publishing(session: SessionState, nowMs: number, what: string): void {
  const status = statusAt(session, nowMs);
  if (status === "ended") throw new InterviewConflict("interview_ended", `The interview has ended: no more ${what}.`);
  if (session.paused)
    throw new InterviewConflict("interview_paused", `The interview is paused: no ${what} until it resumes.`);
}

/**
 * Decides one moderation or answering command. `find` returns a question of this session by id.
 * Refusals are DomainErrors (403 role, 404 unknown question or guest, 409 wrong state) and change nothing.
 */
export function decideModeration(
  session: SessionState,
  find: (id: string) => Question | null,
  command: ModerationCommand,
  actor: Actor & { userId: string },
  nowMs: number,
  answerId: string,
): ModerationChange {
  const at = new Date(nowMs).toISOString();
  const question = "questionId" in command ? find(command.questionId) : null;
  if ("questionId" in command && !question)
    throw new DomainError(404, "not_found", "No such question in this interview.");
  const guest = "guestId" in command ? session.plan.guests.find((g) => g.id === command.guestId) : undefined;
  if ("guestId" in command && !guest) throw new DomainError(404, "not_found", "No such guest in this interview.");
  const decided = { decidedAt: at, decidedBy: actor.userId };
  switch (command.name) {
    case "approve": {
      moderator(actor);
      if (question?.status !== "pending") throw wrongState("approve", question);
      publishing(session, nowMs, "approvals");
      const publicText = maskPersonalData(command.text ?? question.publicText);
      return {
        kind: "question",
        question: { ...question, ...decided, status: "approved", guestId: command.guestId, publicText },
      };
    }
    case "decline":
      moderator(actor);
      if (question?.status !== "pending") throw wrongState("decline", question);
      if (statusAt(session, nowMs) === "ended")
        throw new InterviewConflict("interview_ended", "The interview has ended.");
      return {
        kind: "question",
        question: { ...question, ...decided, status: "declined", declineReason: command.reason },
      };
    case "merge": {
      moderator(actor);
      const into = find(command.intoQuestionId);
      if (question?.status !== "pending") throw wrongState("merge", question);
      if (!into || into.id === question.id || (into.status !== "pending" && into.status !== "approved"))
        throw new DomainError(
          409,
          "invalid_merge",
          "A question merges only into another pending or approved question.",
        );
      if (statusAt(session, nowMs) === "ended")
        throw new InterviewConflict("interview_ended", "The interview has ended.");
      return { kind: "question", question: { ...question, ...decided, status: "merged", mergedInto: into.id }, into };
    }
    case "answer": {
      if (!guest || !can(actor, "interview.answer", { departmentId: guest.departmentId, coDepartmentIds: [] }))
        throw new Forbidden("answer for this guest in", actor.role);
      if (question?.status !== "approved") throw wrongState("answer", question);
      if (statusAt(session, nowMs) !== "live")
        throw new InterviewConflict("interview_not_live", "Answers are given while the interview is live.");
      publishing(session, nowMs, "answers");
      const answer = {
        id: answerId,
        questionId: question.id,
        guestId: guest.id,
        text: command.text,
        answeredAt: at,
        answeredBy: actor.userId,
      };
      return { kind: "answer", question, answer };
    }
    case "pause":
    case "resume":
    case "end":
      moderator(actor);
      return { kind: "session", session: sessionCommand(session, command.name, nowMs) };
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function sessionCommand(session: SessionState, name: "pause" | "resume" | "end", nowMs: number): SessionState {
  const status = statusAt(session, nowMs);
  const bump = { version: session.version + 1 };
  if (name === "end") {
    if (status !== "live")
      throw new InterviewConflict("interview_not_live", "Only a live interview can be ended early.");
    return { ...session, ...bump, paused: false, endedAt: new Date(nowMs).toISOString() };
  }
  if (status !== "live")
    throw new InterviewConflict("interview_not_live", "Only a live interview can be paused or resumed.");
  if (session.paused === (name === "pause"))
    throw new InterviewConflict("invalid_transition", name === "pause" ? "Already paused." : "Not paused.");
  return { ...session, ...bump, paused: name === "pause" };
}

function wrongState(command: string, question: Question | null): DomainError {
  return new InterviewConflict(
    "invalid_transition",
    `Cannot ${command} a question that is ${question?.status ?? "missing"}.`,
  );
}
