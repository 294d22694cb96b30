import days from "chinese-days/dist/chinese-days.json";
import { type CalendarDay, calendarDaysOf, type HolidayFile } from "./holiday-file";

/**
 * The State Council's holidays and 调休 working days for every year the `chinese-days` package
 * carries (2004 to its latest release), so a case from any of those years runs on its real calendar.
 * The package is kept up to date each November when the next year's notice comes out; upgrading it
 * (and loading the new year, see the README runbook) is how next year's calendar arrives.
 *
 * Its values read "English name,中文名,order"; the Chinese name is the one the console shows.
 */
export function officialCalendarDays(): CalendarDay[] {
  const nameOf = (value: string) => value.split(",")[1] ?? null;
  return [
    ...Object.entries(days.holidays).map(([date, v]) => ({ date, kind: "holiday" as const, name: nameOf(v) })),
    ...Object.entries(days.workdays).map(([date]) => ({ date, kind: "workday" as const, name: "调休上班" })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** The years the package holds a notice for, ascending. */
export function officialYears(): number[] {
  return [...new Set(Object.keys(days.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
}

export const OFFICIAL_CALENDAR_SOURCE = "State Council notices since 2004, from the chinese-days package";

/**
 * The days of a notice file the city holds plus the package's for every year the file does not
 * cover, so a case from any year since 2004 runs on its real calendar.
 */
export function withOfficialYears(file: HolidayFile): CalendarDay[] {
  const covered = new Set(Object.keys(file.years));
  return [...calendarDaysOf(file), ...officialCalendarDays().filter((d) => !covered.has(d.date.slice(0, 4)))];
}
