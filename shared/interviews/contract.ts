import * as z from "zod";
import type { RpcResult } from "../case-record/contract";
import { IdempotencyKey } from "../domain/submission.schema";
import {
  InterviewId,
  InterviewPlan,
  type InterviewStatus,
  type PublicQuestion,
  QuestionSubmission,
} from "./interview.schema";
import type { Answer, ModerationInput, Question } from "./questions";
import type { SessionState } from "./session";

/**
 * The session object's call contract (InterviewSession, one durable object per 在线访谈, hosted by
 * intake). Arguments are parsed on arrival; refusals cross as data and are rebuilt by the client.
 */

const Instant = z.iso.datetime({ offset: true });

export const ScheduleInput = z.strictObject({
  interviewId: InterviewId,
  plan: InterviewPlan,
  /** The console's idempotency key: a doubled form post changes the plan once. */
  idempotencyKey: z.string().min(8).max(200),
  scheduledBy: z.string().min(1).max(64),
  /** Only the demo seed passes a time (a session in the past). */
  now: Instant.optional(),
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const AskInput = z.strictObject({
  interviewId: InterviewId,
  idempotencyKey: IdempotencyKey,
  question: QuestionSubmission,
  /** Screening by the edge with the word list (the object does no D1 read on the way in). */
  verdict: z.discriminatedUnion("action", [
    z.strictObject({ action: z.literal("pass") }),
    z.strictObject({ action: z.enum(["hold", "reject"]), reason: z.string().max(200) }),
  ]),
  now: Instant.optional(),
});
export type AskInput = z.input<typeof AskInput>;

/** The session with its approved questions as viewers see them; the edge adds department names. */
export interface InterviewSnapshot {
  session: SessionState;
  status: InterviewStatus;
  questions: PublicQuestion[];
}

/** The moderator's view: every question (original text, never the asker's name or phone) and answer. */
export interface ModeratorView {
  session: SessionState;
  status: InterviewStatus;
  questions: Question[];
  answers: Answer[];
  viewers: number;
  /** After the end: how many unanswered questions became cases, and how many are still to do. */
  conversion: { done: number; pending: number; finishedAt: string | null };
}

export interface InterviewSessionRpc extends Rpc.DurableObjectBranded {
  schedule(input: ScheduleInput): Promise<RpcResult<{ version: number }>>;
  ask(input: AskInput): Promise<RpcResult<{ status: "pending"; questionId: string }>>;
  moderate(input: ModerationInput): Promise<RpcResult<{ version: number }>>;
  snapshot(): Promise<InterviewSnapshot | null>;
  moderatorView(): Promise<ModeratorView | null>;
}
