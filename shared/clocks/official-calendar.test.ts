import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCalendar, dayNumberOf, isWorkingDayNumber } from "./calendar";
import { calendarDaysOf, HolidayFile } from "./holiday-file";
import { officialCalendarDays, officialYears, withOfficialYears } from "./official-calendar";

const notices = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const day = (date: string) => dayNumberOf(Date.parse(`${date}T12:00:00+08:00`));

describe("the official calendar from chinese-days", () => {
  it("agrees day for day with the State Council notices we hold for 2025 and 2026", () => {
    const key = (d: { date: string; kind: string }) => `${d.date} ${d.kind}`;
    const ours = calendarDaysOf(notices).map(key).sort();
    const theirs = officialCalendarDays()
      .filter((d) => d.date.startsWith("2025") || d.date.startsWith("2026"))
      .map(key)
      .sort();
    expect(theirs).toEqual(ours);
  });

  it("covers every year from 2004 on, each with its spring and autumn holidays", () => {
    const years = officialYears();
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(years.at(-1)).toBeGreaterThanOrEqual(2026);
    const days = officialCalendarDays();
    for (const year of years) {
      expect(days.some((d) => d.date.startsWith(`${year}-05`) && d.kind === "holiday")).toBe(true);
      expect(days.some((d) => d.date.startsWith(`${year}-10`) && d.kind === "holiday")).toBe(true);
    }
  });

  it("makes an older year official too: 2019's National Day week is off, its 调休 Saturday on", () => {
    const cal = createCalendar({ version: 1, days: officialCalendarDays() });
    expect(cal.officialYears).toContain(2019);
    expect(isWorkingDayNumber(cal, day("2019-10-02"))).toBe(false);
    expect(isWorkingDayNumber(cal, day("2019-10-12"))).toBe(true); // a Saturday, 调休上班
    expect(isWorkingDayNumber(cal, day("2019-10-08"))).toBe(true);
  });

  it("fills in every year a notice file does not cover, and leaves the file's own years as they are", () => {
    const file = calendarDaysOf(notices);
    const merged = withOfficialYears(notices);
    expect(merged.filter((d) => d.date.startsWith("2026"))).toEqual(file.filter((d) => d.date.startsWith("2026")));
    expect(merged.some((d) => d.date === "2019-10-12" && d.kind === "workday")).toBe(true);
    expect(new Set(merged.map((d) => d.date)).size).toBe(merged.length);
  });
});
