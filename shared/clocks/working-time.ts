import { dayNumberOf, type EpochMs, isWorkingDayNumber, startOfDayNumber, type WorkingCalendar } from "./calendar";

const HOUR_MS = 3_600_000;

/**
 * Deadline of a limit of `hours` working hours whose clock starts at `start`: the instant the last
 * office millisecond is used up. Office time is the calendar's office periods on working days in
 * Beijing time; a start outside them begins counting at the next period. A limit that runs out
 * exactly at the end of a period returns that end (17:00, not the next morning), and 0 hours
 * returns `start` itself. Fractional hours are rounded to the millisecond.
 */
export function addWorkingHours(cal: WorkingCalendar, start: EpochMs, hours: number): EpochMs {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0: ${hours}`);
  return addWorkingMs(cal, start, Math.round(hours * HOUR_MS));
}

/** {@link addWorkingHours} in whole milliseconds, for fractions of a window (50 %, 75 % reminders). */
export function addWorkingMs(cal: WorkingCalendar, start: EpochMs, ms: number): EpochMs {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`working time must be whole milliseconds ≥ 0: ${ms}`);
  if (ms === 0) return start;
  const perDay = cal.officePeriods.reduce((sum, [s, e]) => sum + e - s, 0);
  let left = ms;
  let day = dayNumberOf(start);
  let from = start - startOfDayNumber(day); // only the first day starts part-way
  for (; ; day++, from = 0) {
    if (!isWorkingDayNumber(cal, day)) continue;
    // A whole office day that cannot finish the limit is taken in one step.
    if (from === 0 && left > perDay) {
      left -= perDay;
      continue;
    }
    const base = startOfDayNumber(day);
    for (const [periodStart, periodEnd] of cal.officePeriods) {
      const s = Math.max(periodStart, from);
      if (s >= periodEnd) continue;
      if (left <= periodEnd - s) return base + s + left;
      left -= periodEnd - s;
    }
  }
}

/** Office time between two instants in milliseconds (0 when b ≤ a): the inverse of addWorkingMs. */
export function workingMsBetween(cal: WorkingCalendar, a: EpochMs, b: EpochMs): number {
  if (!(b > a)) return 0;
  let total = 0;
  const last = dayNumberOf(b);
  for (let day = dayNumberOf(a); day <= last; day++) {
    if (!isWorkingDayNumber(cal, day)) continue;
    const base = startOfDayNumber(day);
    for (const [periodStart, periodEnd] of cal.officePeriods) {
      total += Math.max(0, Math.min(base + periodEnd, b) - Math.max(base + periodStart, a));
    }
  }
  return total;
}

/** Whether an instant falls inside an office period of a working day (period ends excluded). */
export function isOfficeTime(cal: WorkingCalendar, instant: EpochMs): boolean {
  const day = dayNumberOf(instant);
  if (!isWorkingDayNumber(cal, day)) return false;
  const offset = instant - startOfDayNumber(day);
  return cal.officePeriods.some(([s, e]) => offset >= s && offset < e);
}
