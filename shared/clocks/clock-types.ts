import type { EpochMs, YearCoverage } from "./calendar";
import type { LadderKind, LimitUnit, Stage } from "./time-limit-rules";

/** The shapes computeClocks (stage-clocks.ts) produces and the ladder, the object and the console read. */

/** running: counting; done: the stage was completed; stopped: ended otherwise (return, close, reopen). */
export type ClockState = "running" | "done" | "stopped";
/** What a case page shows about its deadline. */
export type DisplayStatus = "on_time" | "due_soon" | "overdue";

/** One step of a clock's escalation ladder with the instant it falls due. */
export interface ScheduledStep {
  /** `${stage}:${kind}:${round}`: the exactly-once key the durable object stores when it applies the step. */
  key: string;
  stage: Stage;
  kind: LadderKind;
  round: number;
  at: EpochMs;
}

/** One stage clock. A case has one per dispatch, per assignment (acknowledge) and per reply round. */
export interface StageClock {
  stage: Stage;
  /** Reply, rating: the reply round (1 + reopens). Dispatch, acknowledge: ordinal among that stage's clocks, so keys never collide. */
  round: number;
  /** Who must act: the assigned department, or null for the dispatch desk (分办) and the citizen (rating). */
  departmentId: string | null;
  startedAt: EpochMs;
  /** Null when the rule sets no limit (感谢) or no rule exists. Moves only by approved extensions. */
  dueAt: EpochMs | null;
  /** First instant the clock shows due_soon (see {@link computeClocks}); null without a due time. */
  dueSoonAt: EpochMs | null;
  unit: LimitUnit | null;
  state: ClockState;
  endedAt: EpochMs | null;
  /** True when the clock ended at or after its due time: a late 签收 or a late reply. */
  finishedLate: boolean;
  extendedWorkingDays: number;
  /** Every ladder step of this clock, in time order; which of them are due is ladder.ts's business. */
  ladder: readonly ScheduledStep[];
}

/** Time during which the citizen's clock ran while one holder had the case; null = the dispatch desk. */
export interface ChargedInterval {
  departmentId: string | null;
  round: number;
  from: EpochMs;
  to: EpochMs | null; // null while still open
}

/** Everything the durable object, the projection and the cron need to know about a case's time limits. */
export interface CaseClocks {
  caseId: string;
  /** The instant status and nextDueAt were worked out for. */
  asOf: EpochMs;
  calendarVersion: number;
  /** "weekends-only" when some clock's window touches a year without State Council data. */
  coverage: YearCoverage;
  /** Closed, rejected or merged: every clock stopped, nothing more will happen unless reopened. */
  ended: boolean;
  /** The current reply round: 1 + the number of reopens. */
  round: number;
  /** Every clock ever started, in start order. */
  clocks: readonly StageClock[];
  acknowledgeDueAt: EpochMs | null;
  /** Reply due of the current round: from its first assignment plus approved extensions. */
  replyDueAt: EpochMs | null;
  /** End of the rating window after this round's published reply. */
  ratingWindowEndsAt: EpochMs | null;
  /** End of the return window: 24:00 of the Nth working day after the current assignment; null when no department holds the case. */
  returnWindowEndsAt: EpochMs | null;
  /** The stage the case is waiting on, or null (awaiting acceptance, or ended). */
  current: { stage: Stage; round: number; dueAt: EpochMs | null; departmentId: string | null } | null;
  status: DisplayStatus;
  charges: readonly ChargedInterval[];
  /** Earliest ladder step or deadline strictly after asOf; null when nothing is scheduled or the case ended. */
  nextDueAt: EpochMs | null;
}
