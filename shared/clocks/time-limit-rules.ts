import { MESSAGE_TYPES } from "../domain/case-model";
import { addCalendarDays, addWorkingDays, type EpochMs, extendByWorkingDays, type WorkingCalendar } from "./calendar";
import { addWorkingHours, addWorkingMs, workingMsBetween } from "./working-time";

/** The stages a case passes through, each with its own clock (DESIGN.md §3). */
export const STAGES = ["dispatch", "acknowledge", "reply", "rating"] as const;
/** A stage: dispatch (分办), acknowledge (签收), reply (答复) or the citizen's rating window. */
export type Stage = (typeof STAGES)[number];

/** Units a limit can be given in; they pick addWorkingHours, addWorkingDays or addCalendarDays. */
export const LIMIT_UNITS = ["working_hours", "working_days", "calendar_days"] as const;
/** The unit of a rule's limitValue. */
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** The escalation ladder's steps (联动督查), in the order they normally come. */
export const LADDER_KINDS = ["remind50", "remind75", "urge", "supervise", "notice"] as const;
/** remind50 / remind75: reminders to the handler; urge: 催办; supervise: 督办; notice: 通报. */
export type LadderKind = (typeof LADDER_KINDS)[number];

/**
 * One row of `time_limit_rules`, as drizzle reads it. `category: null` applies to every category of
 * the type; `limitValue: null` means the stage has no limit (感谢 has no reply clock).
 */
export interface TimeLimitRule {
  id: string;
  messageType: string;
  category: string | null;
  stage: Stage;
  limitValue: number | null;
  unit: LimitUnit;
  extensionCapDays: number;
  maxExtensions: number;
  /** Stored escalation points; read them with {@link parseEscalation}. */
  escalation: Record<string, number> | null;
  /** Working days after an assignment during which the department may return the case. */
  returnWindowDays: number | null;
}

/**
 * The stored escalation shape is a flat JSON object so an admin can edit it as a row: for each
 * ladder kind K, either `K: f` — at fraction f (0 < f ≤ 1) of the stage window, 1 being the due
 * time itself — or `KAfterWorkingDays: n` — n working days after the due time (0 = at due; see
 * extendByWorkingDays for how a 24:00 deadline counts). Kinds left out never happen.
 *
 * The §3 default below: reminders at 50 % and 75 %, 催办 at due, 督办 at due + 2 and 通报 at due + 5
 * working days. A province that issues 催办 the working day after the deadline and a public
 * criticism five working days after that writes `{ urgeAfterWorkingDays: 1, noticeAfterWorkingDays: 6 }`.
 */
export const ESCALATION = {
  remind50: 0.5,
  remind75: 0.75,
  urge: 1,
  superviseAfterWorkingDays: 2,
  noticeAfterWorkingDays: 5,
} as const satisfies Record<string, number>;

/** When a ladder step happens, relative to its stage clock. */
export type LadderTrigger =
  | { kind: LadderKind; fractionOfWindow: number }
  | { kind: LadderKind; workingDaysAfterDue: number };

const ESCALATION_KEY = /^(remind50|remind75|urge|supervise|notice)(AfterWorkingDays)?$/;

function isLadderKind(s: string): s is LadderKind {
  return (LADDER_KINDS as readonly string[]).includes(s);
}

/**
 * Reads a stored escalation object into triggers, in LADDER_KINDS order. Throws RangeError on an
 * unknown key, a bad number or a kind given both ways, so the console can validate an edit with
 * the same code the clocks run (a typo must not silently drop a 通报).
 */
export function parseEscalation(escalation: Readonly<Record<string, number>> | null): LadderTrigger[] {
  if (escalation === null) return [];
  const byKind = new Map<LadderKind, LadderTrigger>();
  for (const [key, value] of Object.entries(escalation)) {
    const m = ESCALATION_KEY.exec(key);
    const kind = m?.[1];
    if (kind === undefined || !isLadderKind(kind)) throw new RangeError(`unknown escalation key: ${key}`);
    if (byKind.has(kind)) throw new RangeError(`escalation step ${kind} is given twice`);
    if (m?.[2] === undefined) {
      if (!(typeof value === "number" && value > 0 && value <= 1))
        throw new RangeError(`${key} must be a fraction in (0, 1]: ${value}`);
      byKind.set(kind, { kind, fractionOfWindow: value });
    } else {
      if (!Number.isSafeInteger(value) || value < 0)
        throw new RangeError(`${key} must be a whole number of working days ≥ 0: ${value}`);
      byKind.set(kind, { kind, workingDaysAfterDue: value });
    }
  }
  return LADDER_KINDS.flatMap((kind) => byKind.get(kind) ?? []);
}

/**
 * The rule for a stage of a message type: one for the exact category wins over the type's
 * null-category rule, so a province can tighten one category without restating the rest.
 * Returns null when neither exists (the stage then has no clock). Among equally specific rows the
 * first wins.
 */
export function ruleFor(
  rules: readonly TimeLimitRule[],
  type: string,
  category: string | null,
  stage: Stage,
): TimeLimitRule | null {
  let general: TimeLimitRule | null = null;
  for (const rule of rules) {
    if (rule.messageType !== type || rule.stage !== stage) continue;
    if (category !== null && rule.category === category) return rule;
    if (rule.category === null) general ??= rule;
  }
  return general;
}

/**
 * The deadline of a limit whose clock starts at `start`, or null for no limit. Working and calendar
 * days end at 24:00 Beijing (see addWorkingDays); working hours end when the last office hour is used.
 */
export function limitDeadline(
  cal: WorkingCalendar,
  start: EpochMs,
  limitValue: number | null,
  unit: LimitUnit,
): EpochMs | null {
  if (limitValue === null) return null;
  switch (unit) {
    case "working_days":
      return addWorkingDays(cal, start, limitValue);
    case "working_hours":
      return addWorkingHours(cal, start, limitValue);
    case "calendar_days":
      return addCalendarDays(start, limitValue);
  }
}

/**
 * The instant a ladder trigger fires for a stage clock that started at `start` and is due at `due`.
 * Fractions are of office time for working units, so reminders land in office hours and a long
 * holiday inside the window does not pull them forward; of elapsed time for calendar days. A
 * fraction of 1 and 0 days after due are the due instant itself (not 17:00 of the last day).
 */
export function triggerInstant(
  cal: WorkingCalendar,
  trigger: LadderTrigger,
  start: EpochMs,
  due: EpochMs,
  unit: LimitUnit,
): EpochMs {
  if ("workingDaysAfterDue" in trigger) {
    return trigger.workingDaysAfterDue === 0 ? due : extendByWorkingDays(cal, due, trigger.workingDaysAfterDue);
  }
  const f = trigger.fractionOfWindow;
  if (f >= 1) return due;
  if (unit === "calendar_days") return start + Math.round(f * (due - start));
  return addWorkingMs(cal, start, Math.round(f * workingMsBetween(cal, start, due)));
}

/**
 * First instant at which a window shows "due soon": less than max(25 % of the window, one working
 * day) remains, in office time for working units (calendar time and 24 h for calendar days), so
 * "due today" always warns and long windows warn earlier. Remaining time is whole ms, so "< T" is
 * "≤ ceil(T) − 1", i.e. elapsed ≥ window − ceil(T) + 1.
 */
export function dueSoonInstant(cal: WorkingCalendar, start: EpochMs, due: EpochMs, unit: LimitUnit): EpochMs {
  if (unit === "calendar_days") {
    const window = due - start;
    const k = window - Math.max(Math.ceil(window / 4), 86_400_000) + 1;
    return k <= 0 ? start : start + k;
  }
  const window = workingMsBetween(cal, start, due);
  const perDay = cal.officePeriods.reduce((sum, [s, e]) => sum + e - s, 0);
  const k = window - Math.max(Math.ceil(window / 4), perDay) + 1;
  return k <= 0 ? start : addWorkingMs(cal, start, k);
}

/** DESIGN.md §3's reply limits in working days; 感谢 needs no reply, so it has no clock. */
export const DEFAULT_REPLY_WORKING_DAYS: Readonly<Record<(typeof MESSAGE_TYPES)[number], number | null>> = {
  consult: 5,
  suggest: 10,
  help: 10,
  complaint: 15,
  report: 15,
  thanks: null,
};

/**
 * DESIGN.md §3's defaults as rows, the same as the demo seed: dispatch 1 working day (not in §3;
 * the seed's choice), acknowledge 1 working day, reply by type with one extension of at most 10
 * working days and the default ladder, return within 2 working days of an assignment, and a
 * rating window of 7 calendar days.
 */
export const DEFAULT_RULES: readonly TimeLimitRule[] = MESSAGE_TYPES.flatMap((type): TimeLimitRule[] => [
  {
    id: `${type}-dispatch`,
    messageType: type,
    category: null,
    stage: "dispatch",
    limitValue: 1,
    unit: "working_days",
    extensionCapDays: 0,
    maxExtensions: 0,
    escalation: null,
    returnWindowDays: null,
  },
  {
    id: `${type}-acknowledge`,
    messageType: type,
    category: null,
    stage: "acknowledge",
    limitValue: 1,
    unit: "working_days",
    extensionCapDays: 0,
    maxExtensions: 0,
    escalation: null,
    returnWindowDays: 2,
  },
  {
    id: `${type}-reply`,
    messageType: type,
    category: null,
    stage: "reply",
    limitValue: DEFAULT_REPLY_WORKING_DAYS[type],
    unit: "working_days",
    extensionCapDays: 10,
    maxExtensions: 1,
    escalation: { ...ESCALATION },
    returnWindowDays: 2,
  },
  {
    id: `${type}-rating`,
    messageType: type,
    category: null,
    stage: "rating",
    limitValue: 7,
    unit: "calendar_days",
    extensionCapDays: 0,
    maxExtensions: 0,
    escalation: null,
    returnWindowDays: null,
  },
]);
