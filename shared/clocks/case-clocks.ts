import type { CaseState } from "../domain/case-model";
import { DEFAULT_LIMITS, type DecideLimits } from "../domain/decide";
import type { StoredEvent } from "../domain/events";
import type { WorkingCalendar } from "./calendar";
import type { CaseClocks } from "./clock-types";
import { dueLadderSteps, type LadderStep, nextWakeAt } from "./ladder";
import { computeClocks } from "./stage-clocks";
import { ruleFor, type TimeLimitRule } from "./time-limit-rules";

/** What a case's clocks are computed with: the rules it pinned and its calendar version. */
export interface ClockContext {
  rules: readonly TimeLimitRule[];
  calendar: WorkingCalendar;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Ladder steps already applied to this case, by their stable key (stage:kind:round). */
export function appliedLadderKeys(events: readonly StoredEvent[]): Set<string> {
  return new Set(events.flatMap((e) => (e.type === "case.escalated" ? [e.payload.key] : [])));
}

export function clocksOf(events: readonly StoredEvent[], ctx: ClockContext, nowMs: number): CaseClocks {
  return computeClocks(events, ctx.rules, ctx.calendar, nowMs);
}

/** The limits a command is judged by: the reply rule's extension cap and the current return window. */
export function limitsFor(state: CaseState, clocks: CaseClocks, ctx: ClockContext): DecideLimits {
  const reply = ruleFor(ctx.rules, state.type, state.category, "reply");
  return {
    extensionCapWorkingDays: reply?.extensionCapDays ?? DEFAULT_LIMITS.extensionCapWorkingDays,
    maxExtensions: reply?.maxExtensions ?? DEFAULT_LIMITS.maxExtensions,
    returnWindowEndsAt: iso(clocks.returnWindowEndsAt) ?? undefined,
    ratingWindowEndsAt: iso(clocks.ratingWindowEndsAt) ?? undefined,
    acknowledgeDueAt: iso(clocks.acknowledgeDueAt) ?? undefined,
    replyDueAt: iso(clocks.replyDueAt) ?? undefined,
  };
}

export interface ProjectedClocks {
  /** What the citizen is told: the reply due date while the reply clock runs, else the current stage's. */
  dueAt: string | null;
  overdue: boolean;
  /** When the deadline sweep must next look at this case (the indexed column). */
  nextDueAt: string | null;
}

export function projectClocks(clocks: CaseClocks, events: readonly StoredEvent[], nowMs: number): ProjectedClocks {
  const due = clocks.replyDueAt ?? clocks.current?.dueAt ?? null;
  return {
    dueAt: iso(due),
    overdue: clocks.status === "overdue",
    nextDueAt: iso(nextWakeAt(clocks, appliedLadderKeys(events), nowMs)),
  };
}

/** The clocks as the staff console shows them (ISO instants). */
export interface StaffClocks {
  status: CaseClocks["status"];
  acknowledgeDueAt: string | null;
  replyDueAt: string | null;
  returnWindowEndsAt: string | null;
  ratingWindowEndsAt: string | null;
  coverage: CaseClocks["coverage"];
  calendarVersion: number;
}

export function staffClocks(c: CaseClocks): StaffClocks {
  return {
    status: c.status,
    acknowledgeDueAt: iso(c.acknowledgeDueAt),
    replyDueAt: iso(c.replyDueAt),
    returnWindowEndsAt: iso(c.returnWindowEndsAt),
    ratingWindowEndsAt: iso(c.ratingWindowEndsAt),
    coverage: c.coverage,
    calendarVersion: c.calendarVersion,
  };
}

/** The ladder steps that have come due at `nowMs` and are not yet applied, in time order. */
export function dueSteps(clocks: CaseClocks, events: readonly StoredEvent[], nowMs: number): LadderStep[] {
  return dueLadderSteps(clocks, appliedLadderKeys(events), nowMs);
}
