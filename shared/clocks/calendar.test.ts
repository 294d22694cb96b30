import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingDaysToDate,
  countWorkingDays,
  createCalendar,
  extendByWorkingDays,
  isWorkingDay,
  spanCoverage,
  yearCoverage,
} from "./calendar";
import { calendarDaysOf, HolidayFile } from "./holiday-file";
import { endOfShanghaiDay, shanghaiDate } from "./period";
import { addWorkingHours, addWorkingMs, isOfficeTime, workingMsBetween } from "./working-time";

const file = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const days = calendarDaysOf(file);
const cal = createCalendar({ version: 3, days });
/** An instant from Beijing wall-clock text. */
const bj = (local: string): number => Date.parse(`${local}+08:00`);
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe("working days", () => {
  it("follow the notices: 调休 weekends work, holidays rest, other days by weekday", () => {
    expect(isWorkingDay(cal, "2026-02-14")).toBe(true); // Saturday 调休上班
    expect(isWorkingDay(cal, "2025-01-26")).toBe(true); // Sunday 调休上班
    expect(isWorkingDay(cal, "2026-02-16")).toBe(false); // Monday, 春节
    expect(isWorkingDay(cal, "2025-10-08")).toBe(false); // Wednesday, 国庆节、中秋节
    expect(isWorkingDay(cal, "2026-11-28")).toBe(false); // plain Saturday
    expect(isWorkingDay(cal, "2026-11-27")).toBe(true); // plain Friday
    expect(() => isWorkingDay(cal, "2026-02-30")).toThrow(RangeError);
  });

  it("give the three known deadlines from the issue", () => {
    expect(addWorkingDaysToDate(cal, "2026-02-13", 1)).toBe("2026-02-14");
    expect(addWorkingDaysToDate(cal, "2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDaysToDate(cal, "2025-01-24", 3)).toBe("2025-02-05");
  });

  it("end at 24:00 Beijing of the Nth working day, never counting the start day", () => {
    expect(addWorkingDays(cal, bj("2026-02-13T15:00:00"), 1)).toBe(bj("2026-02-15T00:00:00"));
    expect(addWorkingDays(cal, bj("2026-09-30T08:00:00"), 1)).toBe(bj("2026-10-09T00:00:00"));
    // 2025-01-24 00:30 in Beijing is still the 23rd in UTC: the Beijing date is what counts.
    expect(addWorkingDays(cal, Date.parse("2025-01-23T16:30:00Z"), 3)).toBe(endOfShanghaiDay("2025-02-05"));
    expect(addWorkingDays(cal, bj("2026-11-26T00:00:00"), 0)).toBe(bj("2026-11-27T00:00:00"));
    expect(() => addWorkingDays(cal, bj("2026-11-26T10:00:00"), 1.5)).toThrow(RangeError);
  });

  it("extend a deadline from the day it closes, for 督办 and 通报", () => {
    expect(extendByWorkingDays(cal, endOfShanghaiDay("2026-11-23"), 2)).toBe(endOfShanghaiDay("2026-11-25"));
    expect(extendByWorkingDays(cal, endOfShanghaiDay("2026-09-30"), 2)).toBe(endOfShanghaiDay("2026-10-09"));
    expect(extendByWorkingDays(cal, bj("2026-11-27T14:30:00"), 2)).toBe(endOfShanghaiDay("2026-12-01"));
  });

  it("count working days between dates", () => {
    expect(countWorkingDays(cal, "2025-01-24", "2025-02-05")).toBe(3);
    expect(countWorkingDays(cal, "2026-09-30", "2026-10-10")).toBe(3); // 10-08, 10-09, 调休 10-10
    expect(countWorkingDays(cal, "2026-10-10", "2026-09-30")).toBe(0);
  });

  it("run calendar-day limits to 24:00 Beijing, holidays included", () => {
    expect(addCalendarDays(bj("2026-11-26T10:00:00"), 7)).toBe(bj("2026-12-04T00:00:00"));
    expect(addCalendarDays(bj("2026-09-30T23:59:59"), 7)).toBe(bj("2026-10-08T00:00:00"));
  });
});

describe("coverage", () => {
  it("falls back to plain weekends in a year without data, and says so", () => {
    expect(cal.officialYears).toEqual([2025, 2026]);
    expect(yearCoverage(cal, 2026)).toBe("official");
    expect(yearCoverage(cal, 2027)).toBe("weekends-only");
    expect(isWorkingDay(cal, "2027-01-01")).toBe(true); // Friday; 元旦 unknown without a notice
    expect(isWorkingDay(cal, "2027-01-02")).toBe(false);
    expect(addWorkingDaysToDate(cal, "2026-12-31", 1)).toBe("2027-01-01");
    expect(spanCoverage(cal, bj("2026-12-20T10:00:00"), bj("2027-01-05T10:00:00"))).toBe("weekends-only");
    expect(spanCoverage(cal, bj("2025-03-01T10:00:00"), bj("2026-12-31T23:59:59"))).toBe("official");
  });

  it("does not count a year that only catches a neighbour's 元旦 or 调休 day", () => {
    const spill = [
      ...days,
      { date: "2024-12-29", kind: "workday" as const },
      { date: "2026-12-31", kind: "holiday" as const },
    ];
    const withSpill = createCalendar({ version: 4, days: [...spill, { date: "2027-01-01", kind: "holiday" }] });
    expect(withSpill.officialYears).toEqual([2025, 2026]);
    expect(isWorkingDay(withSpill, "2024-12-29")).toBe(true);
    expect(createCalendar({ version: 4, days, officialYears: [2025] }).officialYears).toEqual([2025]);
  });

  it("rejects malformed or contradictory input", () => {
    expect(() => createCalendar({ version: 1, days: [{ date: "2026-13-01", kind: "holiday" }] })).toThrow(RangeError);
    const both = [
      { date: "2026-10-10", kind: "holiday" as const },
      { date: "2026-10-10", kind: "workday" as const },
    ];
    expect(() => createCalendar({ version: 1, days: both })).toThrow(/both/);
    const overlap = [
      { start: "09:00", end: "12:30" },
      { start: "12:00", end: "17:00" },
    ];
    expect(() => createCalendar({ version: 1, days, officeHours: overlap })).toThrow(RangeError);
    expect(() => createCalendar({ version: 1, days, officeHours: [] })).toThrow(RangeError);
    expect(() => createCalendar({ version: 1, days, officeHours: [{ start: "9:00", end: "17:00" }] })).toThrow(
      RangeError,
    );
  });
});

describe("working hours", () => {
  const hours = (from: string, n: number) => addWorkingHours(cal, bj(from), n);

  it("skip lunch, evenings and weekends", () => {
    expect(hours("2026-11-26T11:00:00", 2)).toBe(bj("2026-11-26T14:00:00"));
    expect(hours("2026-11-26T12:30:00", 1)).toBe(bj("2026-11-26T14:00:00"));
    expect(hours("2026-11-26T16:00:00", 2)).toBe(bj("2026-11-27T10:00:00"));
    expect(hours("2026-11-26T20:00:00", 1)).toBe(bj("2026-11-27T10:00:00"));
    expect(hours("2026-11-27T16:00:00", 2)).toBe(bj("2026-11-30T10:00:00"));
    expect(hours("2026-11-28T10:00:00", 7)).toBe(bj("2026-11-30T17:00:00"));
  });

  it("end at a period's end rather than at the next opening, and 0 hours is the start", () => {
    expect(hours("2026-11-26T09:00:00", 3)).toBe(bj("2026-11-26T12:00:00"));
    expect(hours("2026-11-26T07:00:00", 7)).toBe(bj("2026-11-26T17:00:00"));
    expect(hours("2026-11-26T20:00:00", 0)).toBe(bj("2026-11-26T20:00:00"));
    expect(hours("2026-11-26T09:00:00", 0.5)).toBe(bj("2026-11-26T09:30:00"));
  });

  it("work on 调休 Saturdays and rest through 春节 and National Day", () => {
    expect(hours("2026-02-13T16:00:00", 3)).toBe(bj("2026-02-14T11:00:00"));
    expect(hours("2026-02-14T16:00:00", 2)).toBe(bj("2026-02-24T10:00:00"));
    expect(hours("2026-09-30T16:00:00", 2)).toBe(bj("2026-10-08T10:00:00"));
    expect(hours("2025-09-27T10:00:00", 1)).toBe(bj("2025-09-28T10:00:00")); // Sat rest → 调休 Sunday
    expect(hours("2026-10-09T16:30:00", 1)).toBe(bj("2026-10-10T09:30:00"));
  });

  it("measure office time between instants", () => {
    expect(workingMsBetween(cal, bj("2026-11-27T16:00:00"), bj("2026-11-30T10:00:00"))).toBe(2 * HOUR);
    expect(workingMsBetween(cal, bj("2026-09-30T00:00:00"), bj("2026-10-09T00:00:00"))).toBe(14 * HOUR);
    expect(workingMsBetween(cal, bj("2026-11-30T10:00:00"), bj("2026-11-27T16:00:00"))).toBe(0);
    expect(isOfficeTime(cal, bj("2026-02-14T09:00:00"))).toBe(true);
    expect(isOfficeTime(cal, bj("2026-11-26T12:00:00"))).toBe(false);
  });

  it("follow configured office hours", () => {
    const officeHours = [
      { start: "08:30", end: "12:00" },
      { start: "14:30", end: "17:30" },
    ];
    const summer = createCalendar({ version: 3, days, officeHours });
    expect(addWorkingHours(summer, bj("2026-11-26T11:00:00"), 2)).toBe(bj("2026-11-26T15:30:00"));
    expect(workingMsBetween(summer, bj("2026-11-26T00:00:00"), bj("2026-11-27T00:00:00"))).toBe(6.5 * HOUR);
  });

  it("stay quick over years", () => {
    const t0 = performance.now();
    expect(
      workingMsBetween(cal, bj("2020-01-01T00:00:00"), addWorkingHours(cal, bj("2020-01-01T00:00:00"), 7 * 2500)),
    ).toBe(7 * 2500 * HOUR);
    expect(addWorkingDaysToDate(cal, "2020-01-01", 2500) > "2029-01-01").toBe(true);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe("properties", () => {
  const edges = days.map((d) => bj(`${d.date}T00:00:00`));
  const anyInstant = fc.integer({ min: bj("2024-12-01T00:00:00"), max: bj("2027-03-01T00:00:00") });
  const yearEnd = fc
    .constantFrom(bj("2026-01-01T00:00:00"), bj("2027-01-01T00:00:00"))
    .chain((t) => fc.integer({ min: t - 10 * DAY, max: t + 10 * DAY }));
  const nearHoliday = fc
    .tuple(fc.constantFrom(...edges), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([t, d]) => t + d);
  const instant = fc.oneof(anyInstant, yearEnd, nearHoliday);
  const date = instant.map(shanghaiDate);

  it("adding N working hours and measuring back gives exactly N", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * 8 * HOUR }), (start, ms) => {
        const end = addWorkingMs(cal, start, ms);
        expect(workingMsBetween(cal, start, end)).toBe(ms);
        if (ms > 0) expect(isOfficeTime(cal, end - 1)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 }), (start, h) => {
        expect(workingMsBetween(cal, start, addWorkingHours(cal, start, h))).toBe(h * HOUR);
      }),
    );
  });

  it("working time adds up over consecutive spans", () => {
    fc.assert(
      fc.property(instant, instant, instant, (...ts) => {
        const [a, b, c] = ts.sort((x, y) => x - y);
        expect(workingMsBetween(cal, a, b) + workingMsBetween(cal, b, c)).toBe(workingMsBetween(cal, a, c));
      }),
    );
  });

  it("working-day deadlines land at 24:00 of a working day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addWorkingDays(cal, start, n);
        expect((due + 8 * HOUR) % DAY).toBe(0);
        expect(isWorkingDay(cal, shanghaiDate(due - 1))).toBe(true);
        expect(countWorkingDays(cal, shanghaiDate(start), shanghaiDate(due - 1))).toBe(n);
      }),
    );
  });

  it("working-day deadlines are monotonic in N and in the start", () => {
    fc.assert(
      fc.property(instant, instant, fc.nat(30), fc.nat(30), (s1, s2, n1, n2) => {
        const [a, b] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [m, n] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(addWorkingDays(cal, a, n)).toBeLessThanOrEqual(addWorkingDays(cal, b, n));
        if (m < n) expect(addWorkingDays(cal, a, m)).toBeLessThan(addWorkingDays(cal, a, n));
      }),
    );
  });

  it("adding working days composes", () => {
    fc.assert(
      fc.property(date, fc.nat(20), fc.nat(20), (d, a, b) => {
        expect(addWorkingDaysToDate(cal, addWorkingDaysToDate(cal, d, a), b)).toBe(addWorkingDaysToDate(cal, d, a + b));
      }),
    );
  });
});
