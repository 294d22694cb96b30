import { DomainError } from "../domain/errors";
import type { InterviewPlan, InterviewStatus } from "./interview.schema";

/** A session as its durable object keeps it (the questions are kept beside it, one row each). */
export interface SessionState {
  id: string;
  plan: InterviewPlan;
  scheduledAt: string;
  /** Paused by the moderator: nothing new is published until it resumes. */
  paused: boolean;
  /** Set when the moderator ends the session before its planned end. */
  endedAt: string | null;
  /** Counts every change a viewer can see, so a viewer can tell it missed one. */
  version: number;
}

/** What the clock needs of a session: its planned times and the moderator's early end. */
export interface SessionTimes {
  plan: Pick<InterviewPlan, "startsAt" | "endsAt">;
  endedAt: string | null;
}

/** Where a session stands at `nowMs`: its status follows the clock, or the moderator's early end. */
export function statusAt(session: SessionTimes, nowMs: number): InterviewStatus {
  const end = Math.min(Date.parse(session.plan.endsAt), session.endedAt ? Date.parse(session.endedAt) : Infinity);
  if (nowMs >= end) return "ended";
  return nowMs >= Date.parse(session.plan.startsAt) ? "live" : "scheduled";
}

/** When the session ends (planned, or earlier by the moderator), as epoch ms. */
export function endOf(session: SessionTimes): number {
  return Math.min(Date.parse(session.plan.endsAt), session.endedAt ? Date.parse(session.endedAt) : Infinity);
}

/** The next instant the status changes by itself (start, end), or null once it has ended. */
export function nextBoundary(session: SessionTimes, nowMs: number): number | null {
  const start = Date.parse(session.plan.startsAt);
  if (nowMs < start) return start;
  const end = endOf(session);
  return nowMs < end ? end : null;
}

export class InterviewNotFound extends DomainError {
  constructor() {
    super(404, "not_found", "No such interview.");
  }
}

export class InterviewConflict extends DomainError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

/**
 * The plan the office schedules, or changes before the start. Once live, the plan is what viewers
 * were promised: it is no longer changed (the moderator can still pause or end the session).
 */
export function schedule(
  current: SessionState | null,
  input: { id: string; plan: InterviewPlan },
  nowMs: number,
): SessionState {
  if (current && statusAt(current, nowMs) !== "scheduled")
    throw new InterviewConflict("interview_started", "The interview has started; its plan can no longer change.");
  if (Date.parse(input.plan.endsAt) <= nowMs)
    throw new DomainError(400, "invalid_plan", "The interview would end before it is scheduled.");
  return {
    id: input.id,
    plan: input.plan,
    scheduledAt: current?.scheduledAt ?? new Date(nowMs).toISOString(),
    paused: false,
    endedAt: null,
    version: (current?.version ?? 0) + 1,
  };
}
