import type { EpochMs, WorkingCalendar } from "./calendar";
import type { CaseClocks, ChargedInterval, ScheduledStep, StageClock } from "./clock-types";
import { LADDER_KINDS, type LadderKind, STAGES, type Stage } from "./time-limit-rules";
import { workingMsBetween } from "./working-time";

/** A ladder step whose time has come, ready for the durable object to apply once under its key. */
export interface LadderStep {
  /** `${stage}:${kind}:${round}`; store it with the step so the step is never applied again. */
  key: string;
  stage: Stage;
  /** remind50 / remind75: reminder to the handler; urge: 催办; supervise: 督办; notice: 通报. */
  kind: LadderKind;
  round: number;
  /** When the step fell due; may be well before `now` after a missed cron. */
  at: EpochMs;
  /** The stage deadline the step belongs to (after any approved extension). */
  dueAt: EpochMs;
  /** Who held the case when the step fell due; null = the dispatch desk. Blame goes here. */
  departmentId: string | null;
  /** 通报 also writes an accountability record for evaluation. */
  accountability: boolean;
  /**
   * False when the stage ended (reply published, return, close …) after the step fell due but
   * before it was applied: the step was earned, so it is still returned, and the caller may choose
   * to record it without notifying anyone.
   */
  stageRunning: boolean;
}

/**
 * Steps a clock has earned by `now`: all of them up to `now` while it runs; once it has ended,
 * only those that fell due strictly before it ended (a published reply stops the ladder, but a
 * late cron must not erase a 通报 that was already earned).
 */
function earned(clock: StageClock, now: EpochMs): ScheduledStep[] {
  const until = clock.state === "running" || clock.endedAt === null ? now : Math.min(now, clock.endedAt - 1);
  return clock.ladder.filter((s) => s.at <= until);
}

const order = (s: { at: EpochMs; kind: LadderKind; stage: Stage; round: number }): [number, number, number, number] => [
  s.at,
  LADDER_KINDS.indexOf(s.kind),
  STAGES.indexOf(s.stage),
  s.round,
];

function compareSteps(a: LadderStep, b: LadderStep): number {
  const [x, y] = [order(a), order(b)];
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function holderAt(charges: readonly ChargedInterval[], at: EpochMs, fallback: string | null): string | null {
  const hit = charges.findLast((c) => c.from <= at && (c.to === null || at < c.to));
  return hit ? hit.departmentId : fallback;
}

/**
 * Every ladder step whose time has come by `now` and whose key is not in `alreadyApplied`, in time
 * order (ties: ladder order, then stage, then round). Idempotent by construction: a missed cron
 * gets all the steps it missed in one call, a second call after applying them gets none, and an
 * approved extension moves the steps not yet applied because they are recomputed from the new due.
 */
export function dueLadderSteps(
  clocks: Pick<CaseClocks, "clocks" | "charges">,
  alreadyApplied: ReadonlySet<string>,
  now: EpochMs,
): LadderStep[] {
  const steps: LadderStep[] = [];
  for (const clock of clocks.clocks) {
    if (clock.dueAt === null) continue;
    for (const s of earned(clock, now)) {
      if (alreadyApplied.has(s.key)) continue;
      steps.push({
        ...s,
        dueAt: clock.dueAt,
        departmentId: holderAt(clocks.charges, s.at, clock.departmentId),
        accountability: s.kind === "notice",
        stageRunning: clock.state === "running",
      });
    }
  }
  return steps.sort(compareSteps);
}

/**
 * When the case next needs a tick, given the steps applied so far: the earliest unapplied earned
 * step (possibly already past, so the sweep picks it up at once) or else the earliest running
 * deadline or ladder step after `now`. Null when nothing is left. Store it as `next_due_at`.
 */
export function nextWakeAt(
  clocks: Pick<CaseClocks, "clocks" | "ended">,
  alreadyApplied: ReadonlySet<string>,
  now: EpochMs,
): EpochMs | null {
  const times: EpochMs[] = [];
  for (const clock of clocks.clocks) {
    for (const s of earned(clock, now)) if (!alreadyApplied.has(s.key)) times.push(s.at);
    if (clocks.ended || clock.state !== "running") continue;
    if (clock.dueAt !== null && clock.dueAt > now) times.push(clock.dueAt);
    for (const s of clock.ladder) if (s.at > now && !alreadyApplied.has(s.key)) times.push(s.at);
  }
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * Office time each holder had the case while the citizen's clock ran (null = the dispatch desk),
 * open intervals counted to `now`: the evaluation's "whose delay was it" beside the ladder's blame.
 */
export function chargedWorkingMs(
  clocks: Pick<CaseClocks, "charges">,
  cal: WorkingCalendar,
  now: EpochMs,
): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  for (const { departmentId, from, to } of clocks.charges) {
    totals.set(departmentId, (totals.get(departmentId) ?? 0) + workingMsBetween(cal, from, to ?? now));
  }
  return totals;
}
