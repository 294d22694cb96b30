import type { CalendarDay } from "./holiday-file";
import { SHANGHAI_OFFSET_MS, shanghaiDate, startOfShanghaiDay } from "./period";

/**
 * An instant as milliseconds since the Unix epoch. Every clock function takes and returns instants
 * in this form; `new Date(ms).toISOString()` or `toShanghaiIso(new Date(ms))` turns one into text.
 */
export type EpochMs = number;

/** Whether a year's working days come from a State Council notice or only from the weekend rule. */
export type YearCoverage = "official" | "weekends-only";

/** One office period of a working day in Beijing wall-clock time, "HH:MM", the end excluded. */
export interface OfficePeriod {
  start: string;
  end: string;
}

/** 09:00–12:00 and 13:00–17:00 Beijing: seven office hours a working day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:00", end: "17:00" },
];

/** A versioned working-day calendar for Asia/Shanghai; build it with {@link createCalendar}. */
export interface WorkingCalendar {
  /** The `calendar_versions.version` the days came from: store it beside every deadline computed here. */
  readonly version: number;
  /** Years whose days follow a State Council notice, ascending; any other year is weekends-only. */
  readonly officialYears: readonly number[];
  /** Office periods as [start, end) milliseconds after Beijing midnight, ascending and disjoint. */
  readonly officePeriods: readonly (readonly [number, number])[];
  /** Day number (see {@link dayNumberOf}) → holiday (day off) or workday (调休上班). */
  readonly overrides: ReadonlyMap<number, CalendarDay["kind"]>;
}

/** What {@link createCalendar} needs; rows of `calendar_days` fit `days` as they are. */
export interface CalendarInput {
  version: number;
  days: readonly Pick<CalendarDay, "date" | "kind">[];
  /** Years to call official; by default derived from the days (see {@link createCalendar}). */
  officialYears?: readonly number[];
  officeHours?: readonly OfficePeriod[];
}

const DAY_MS = 86_400_000;

/**
 * Builds a calendar. Throws RangeError on a malformed date, a date listed as both kinds, or office
 * hours that are empty, unordered or overlapping.
 *
 * Unless `officialYears` is given, a year counts as official when it holds a holiday between March
 * and November: every notice grants 清明, 劳动节 and 国庆节 there, whereas a year that only catches
 * the spill-over of a neighbour's notice (元旦 on 12-31, a 调休 Sunday in early January) does not.
 */
export function createCalendar(input: CalendarInput): WorkingCalendar {
  if (!Number.isSafeInteger(input.version))
    throw new RangeError(`calendar version must be an integer: ${input.version}`);
  const overrides = new Map<number, CalendarDay["kind"]>();
  const derivedYears = new Set<number>();
  for (const { date, kind } of input.days) {
    const day = dayNumberOfDate(date);
    const seen = overrides.get(day);
    if (seen !== undefined && seen !== kind) throw new RangeError(`${date} is listed both as holiday and as workday`);
    overrides.set(day, kind);
    const month = Number(date.slice(5, 7));
    if (kind === "holiday" && month >= 3 && month <= 11) derivedYears.add(Number(date.slice(0, 4)));
  }
  const officialYears = [...new Set(input.officialYears ?? derivedYears)].sort((a, b) => a - b);
  return {
    version: input.version,
    officialYears,
    officePeriods: parseOfficeHours(input.officeHours ?? DEFAULT_OFFICE_HOURS),
    overrides,
  };
}

function parseOfficeHours(periods: readonly OfficePeriod[]): [number, number][] {
  if (periods.length === 0) throw new RangeError("office hours need at least one period");
  let previousEnd = 0;
  return periods.map(({ start, end }) => {
    const s = clockMs(start);
    const e = clockMs(end);
    if (s < previousEnd || e <= s)
      throw new RangeError(`office period ${start}–${end} is empty, unordered or overlapping`);
    previousEnd = e;
    return [s, e];
  });
}

function clockMs(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const ms = m ? (Number(m[1]) * 60 + Number(m[2])) * 60_000 : NaN;
  if (!m || Number(m[2]) > 59 || !(ms <= DAY_MS)) throw new RangeError(`not a time of day: ${hhmm}`);
  return ms;
}

/** Day number of an instant: whole days since 1970-01-01 in Beijing time. Exposed for working-time.ts. */
export function dayNumberOf(instant: EpochMs): number {
  if (!Number.isFinite(instant)) throw new RangeError(`not an instant: ${instant}`);
  return Math.floor((instant + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 +08:00 starting a day number. */
export function startOfDayNumber(day: number): EpochMs {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

function dayNumberOfDate(date: string): number {
  return dayNumberOf(startOfShanghaiDay(date));
}

/** Whether a day number is a working day; the hot path behind every other function. */
export function isWorkingDayNumber(cal: WorkingCalendar, day: number): boolean {
  const kind = cal.overrides.get(day);
  if (kind !== undefined) return kind === "workday";
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Whether a Beijing date ("YYYY-MM-DD") is a working day: 调休 weekends yes, holidays no. */
export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  return isWorkingDayNumber(cal, dayNumberOfDate(date));
}

/** "official" if the year's days follow a notice; "weekends-only" if Mon–Fri is assumed to work. */
export function yearCoverage(cal: WorkingCalendar, year: number): YearCoverage {
  return cal.officialYears.includes(year) ? "official" : "weekends-only";
}

/**
 * Coverage of everything between two instants (either order): "weekends-only" as soon as one Beijing
 * year touched lacks official data, so the console can flag a deadline that may be off.
 */
export function spanCoverage(cal: WorkingCalendar, a: EpochMs, b: EpochMs): YearCoverage {
  const [from, to] = [yearOf(Math.min(a, b)), yearOf(Math.max(a, b))];
  for (let year = from; year <= to; year++) if (!cal.officialYears.includes(year)) return "weekends-only";
  return "official";
}

function yearOf(instant: EpochMs): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`day count must be a whole number ≥ 0: ${n}`);
}

function nthWorkingDayAfter(cal: WorkingCalendar, day: number, n: number): number {
  checkCount(n);
  let d = day;
  for (let left = n; left > 0; ) if (isWorkingDayNumber(cal, ++d)) left--;
  return d;
}

/**
 * The Nth working day after a Beijing date; the date itself never counts, and n = 0 returns it.
 * 2026-02-13 + 1 = 2026-02-14 (a 调休 Saturday); 2026-09-30 + 1 = 2026-10-08.
 */
export function addWorkingDaysToDate(cal: WorkingCalendar, date: string, n: number): string {
  return shanghaiDate(startOfDayNumber(nthWorkingDayAfter(cal, dayNumberOfDate(date), n)));
}

/**
 * Deadline of a limit of n working days whose clock starts at `start`.
 *
 * Convention for every day-based deadline here: counting starts on the first working day after the
 * Beijing date of `start` (that date never counts, even when it is a working day or `start` is
 * 00:00), and the result is the END of the Nth working day, returned as the instant of the next
 * calendar day's 00:00 +08:00. The case is overdue when `now >= deadline`. n = 0 gives the end of
 * the start day.
 */
export function addWorkingDays(cal: WorkingCalendar, start: EpochMs, n: number): EpochMs {
  return startOfDayNumber(nthWorkingDayAfter(cal, dayNumberOf(start), n) + 1);
}

/**
 * n working days after a deadline, for the escalation ladder (due + 2 → 督办, due + 5 → 通报) and for
 * extensions (延期). A deadline at 24:00 belongs to the day that just ended, so the end of Monday
 * + 2 is the end of Wednesday; a mid-day deadline counts from its own day. Ends at 24:00 like
 * {@link addWorkingDays}.
 */
export function extendByWorkingDays(cal: WorkingCalendar, deadline: EpochMs, n: number): EpochMs {
  return startOfDayNumber(nthWorkingDayAfter(cal, dayNumberOf(deadline - 1), n) + 1);
}

/** Number of working days d with from < d ≤ to (0 when to ≤ from): the inverse of addWorkingDaysToDate. */
export function countWorkingDays(cal: WorkingCalendar, from: string, to: string): number {
  const last = dayNumberOfDate(to);
  let count = 0;
  for (let d = dayNumberOfDate(from) + 1; d <= last; d++) if (isWorkingDayNumber(cal, d)) count++;
  return count;
}

/**
 * Deadline of a limit of n calendar days (the 7-day rating window): the end of the Nth day after the
 * Beijing date of `start`, as the following 00:00 +08:00; holidays make no difference.
 */
export function addCalendarDays(start: EpochMs, n: number): EpochMs {
  checkCount(n);
  return startOfDayNumber(dayNumberOf(start) + n + 1);
}
