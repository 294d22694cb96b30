import type { StoredEvent } from "../domain/events";
import { addWorkingDays, type EpochMs, extendByWorkingDays, spanCoverage, type WorkingCalendar } from "./calendar";
import type { CaseClocks, ChargedInterval, ClockState, DisplayStatus, ScheduledStep, StageClock } from "./clock-types";
import {
  dueSoonInstant,
  type LadderTrigger,
  limitDeadline,
  parseEscalation,
  ruleFor,
  type Stage,
  type TimeLimitRule,
  triggerInstant,
} from "./time-limit-rules";

type Clock = Omit<StageClock, "dueSoonAt" | "finishedLate" | "ladder"> & { triggers: LadderTrigger[] };

const PIPELINE: readonly Stage[] = ["dispatch", "acknowledge", "reply", "rating"];

/**
 * Folds a case's event log into its clocks, as of `now` (defaults to the last event's time, which
 * is the right instant right after a command). Choices made here, each for a reason:
 * - dispatch starts at acceptance (受理 is the legal start; time held in moderation is nobody's),
 *   and again at a return or reopen, charged to the dispatch desk;
 * - acknowledge starts at every assignment: 签收 is the receiving unit's own act, so a department
 *   given a returned case gets its own day to sign rather than inheriting a blown one;
 * - reply starts at the first assignment of a round and never restarts on a transfer or return,
 *   since it is the citizen's clock; only an approved extension moves it (extendByWorkingDays);
 * - a published reply ends the reply clock and starts the rating window; reopening starts a new
 *   round, whose reply clock starts at the next assignment; close / reject / merge stop everything;
 * - status is the worst over running dispatch, acknowledge and reply clocks (a fresh 签收 clock must
 *   not hide an overdue reply); due_soon follows dueSoonInstant: less than max(25 % of the window,
 *   one working day) left.
 */
export function computeClocks(
  events: readonly StoredEvent[],
  rules: readonly TimeLimitRule[],
  cal: WorkingCalendar,
  now?: EpochMs,
): CaseClocks {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const clocks: Clock[] = [];
  const charges: ChargedInterval[] = [];
  let type = "";
  let category: string | null = null;
  let round = 1;
  let ended = false;
  let assignment: { at: EpochMs; departmentId: string } | null = null;
  let ackStoppedByReturn: Clock | null = null;

  const running = (stage: Stage): Clock | undefined => clocks.find((c) => c.stage === stage && c.state === "running");
  const finish = (c: Clock | undefined, at: EpochMs, state: ClockState): void => {
    if (c?.state === "running") Object.assign(c, { state, endedAt: at });
  };
  const start = (stage: Stage, at: EpochMs, departmentId: string | null, clockRound: number): Clock => {
    const rule = ruleFor(rules, type, category, stage);
    const dueAt = rule ? limitDeadline(cal, at, rule.limitValue, rule.unit) : null;
    const clock: Clock = {
      stage,
      round: clockRound,
      departmentId,
      startedAt: at,
      dueAt,
      unit: rule?.unit ?? null,
      state: "running",
      endedAt: null,
      extendedWorkingDays: 0,
      triggers: parseEscalation(rule?.escalation ?? null),
    };
    clocks.push(clock);
    return clock;
  };
  const ordinal = (stage: Stage): number => clocks.filter((c) => c.stage === stage).length + 1;
  const charge = (departmentId: string | null | undefined, at: EpochMs): void => {
    const open = charges.at(-1);
    if (open && open.to === null) open.to = at;
    if (departmentId !== undefined) charges.push({ departmentId, round, from: at, to: null });
  };

  let lastAt = 0;
  for (const event of sorted) {
    const at = Date.parse(event.at);
    if (!Number.isFinite(at)) throw new RangeError(`event ${event.seq} has no valid time: ${event.at}`);
    lastAt = at;
    switch (event.type) {
      case "case.submitted":
        type = event.payload.type;
        category = event.payload.category;
        break;
      case "case.accepted":
        if (event.payload.category !== undefined) category = event.payload.category;
        if (!running("dispatch")) start("dispatch", at, null, ordinal("dispatch"));
        charge(null, at);
        break;
      case "case.assigned": {
        const { departmentId } = event.payload;
        finish(running("dispatch"), at, "done");
        finish(running("acknowledge"), at, "stopped");
        start("acknowledge", at, departmentId, ordinal("acknowledge"));
        const reply =
          clocks.find((c) => c.stage === "reply" && c.round === round) ?? start("reply", at, departmentId, round);
        reply.departmentId = departmentId;
        assignment = { at, departmentId };
        ackStoppedByReturn = null;
        charge(departmentId, at);
        break;
      }
      case "case.acknowledged":
        finish(running("acknowledge"), at, "done");
        break;
      case "case.returned":
        // The returning unit's unsigned 签收 clock pauses; it resumes if the return is ruled unfounded.
        ackStoppedByReturn = running("acknowledge") ?? null;
        finish(ackStoppedByReturn ?? undefined, at, "stopped");
        start("dispatch", at, null, ordinal("dispatch"));
        charge(null, at);
        break;
      case "case.return_rejected":
        finish(running("dispatch"), at, "done");
        if (ackStoppedByReturn) Object.assign(ackStoppedByReturn, { state: "running", endedAt: null });
        ackStoppedByReturn = null;
        charge(assignment?.departmentId, at);
        break;
      case "case.extension_decided": {
        const { approved, workingDays } = event.payload;
        const reply = running("reply");
        if (approved && reply && reply.dueAt !== null) {
          reply.dueAt = extendByWorkingDays(cal, reply.dueAt, workingDays);
          reply.extendedWorkingDays += workingDays;
        }
        break;
      }
      case "case.reply_published":
        for (const stage of ["dispatch", "acknowledge"] as const) finish(running(stage), at, "stopped");
        finish(running("reply"), at, "done");
        start("rating", at, null, round);
        charge(undefined, at);
        break;
      case "case.reopened":
        for (const c of clocks) finish(c, at, "stopped");
        round += 1;
        ended = false;
        start("dispatch", at, null, ordinal("dispatch"));
        charge(null, at);
        break;
      case "case.closed":
      case "case.rejected":
      case "case.merged":
        for (const c of clocks) finish(c, at, "stopped");
        ended = true;
        charge(undefined, at);
        break;
      // A rating does not end the window: a dissatisfied citizen may still ask for redo until it
      // ends, and its end is when the case closes (the sweep wakes the case for it). The request
      // alone moves no deadline; the decision does, with the days it carries.
      case "case.rated":
      case "case.extension_requested":
      case "case.held":
      case "case.reply_drafted":
      case "case.urged":
      case "case.escalated":
      case "case.supported":
      case "case.merge_absorbed":
        break;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  const asOf = now ?? lastAt;
  // A department holds the case exactly while its charge interval is open.
  const open = charges.at(-1);
  const holding = open !== undefined && open.to === null && open.departmentId !== null;
  const finished = clocks.map((c) => finalize(cal, c));
  const latest = (stage: Stage, r?: number): StageClock | undefined =>
    finished.findLast((c) => c.stage === stage && (r ?? c.round) === c.round);
  const live = finished.filter((c) => c.state === "running");
  const current = ended ? undefined : PIPELINE.map((s) => live.find((c) => c.stage === s)).find((c) => c !== undefined);
  const returnDays =
    PIPELINE.map((s) => ruleFor(rules, type, category, s)?.returnWindowDays ?? null).find((d) => d !== null) ?? null;
  const statuses = live.filter((c) => c.stage !== "rating").map((c) => clockStatus(c, asOf));
  const future = ended
    ? []
    : live.flatMap((c) => [c.dueAt ?? -Infinity, ...c.ladder.map((s) => s.at)]).filter((t) => t > asOf);
  return {
    caseId: sorted[0]?.caseId ?? "",
    asOf,
    calendarVersion: cal.version,
    coverage: finished.some((c) => c.dueAt !== null && spanCoverage(cal, c.startedAt, c.dueAt) === "weekends-only")
      ? "weekends-only"
      : "official",
    ended,
    round,
    clocks: finished,
    acknowledgeDueAt: latest("acknowledge")?.dueAt ?? null,
    replyDueAt: latest("reply", round)?.dueAt ?? null,
    ratingWindowEndsAt: latest("rating", round)?.dueAt ?? null,
    returnWindowEndsAt:
      holding && assignment && returnDays !== null ? addWorkingDays(cal, assignment.at, returnDays) : null,
    current: current
      ? { stage: current.stage, round: current.round, dueAt: current.dueAt, departmentId: current.departmentId }
      : null,
    status: statuses.includes("overdue") ? "overdue" : statuses.includes("due_soon") ? "due_soon" : "on_time",
    charges,
    nextDueAt: future.length > 0 ? Math.min(...future) : null,
  };
}

function finalize(cal: WorkingCalendar, c: Clock): StageClock {
  const { triggers, ...clock } = c;
  const [due, unit] = [c.dueAt, c.unit];
  if (due === null || unit === null) return { ...clock, dueSoonAt: null, finishedLate: false, ladder: [] };
  const ladder = triggers
    .map(
      (t): ScheduledStep => ({
        key: `${c.stage}:${t.kind}:${c.round}`,
        stage: c.stage,
        kind: t.kind,
        round: c.round,
        at: triggerInstant(cal, t, c.startedAt, due, unit),
      }),
    )
    .sort((a, b) => a.at - b.at);
  return {
    ...clock,
    dueSoonAt: dueSoonInstant(cal, c.startedAt, due, unit),
    finishedLate: c.endedAt !== null && c.endedAt >= due,
    ladder,
  };
}

/** A clock's display status at `now`; only a running clock with a due time can be late. */
export function clockStatus(clock: Pick<StageClock, "state" | "dueAt" | "dueSoonAt">, now: EpochMs): DisplayStatus {
  if (clock.state !== "running" || clock.dueAt === null) return "on_time";
  if (now >= clock.dueAt) return "overdue";
  return clock.dueSoonAt !== null && now >= clock.dueSoonAt ? "due_soon" : "on_time";
}
