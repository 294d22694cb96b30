import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  currentPeriod,
  daysBetween,
  endOfShanghaiDay,
  formatShanghai,
  monthBounds,
  monthDays,
  monthStart,
  PERIOD_PATTERN,
  periodLabel,
  periodOf,
  periodsEnding,
  previousPeriod,
  shanghaiDate,
  shanghaiWallTime,
  startOfShanghaiDay,
  toShanghaiIso,
} from "./period";

/** Beijing midnight starting 1 January 2027, and the milliseconds on either side of it. */
const NEW_YEAR = Date.parse("2026-12-31T16:00:00.000Z");

describe("Beijing wall time", () => {
  it("is UTC+8 all year", () => {
    expect(shanghaiWallTime("2026-07-01T00:00:00Z").getUTCHours()).toBe(8);
    expect(shanghaiWallTime(Date.parse("2026-01-15T20:30:00Z")).toISOString()).toBe("2026-01-16T04:30:00.000Z");
    expect(toShanghaiIso("2026-03-31T15:59:59.999Z")).toBe("2026-03-31T23:59:59+08:00");
    expect(toShanghaiIso(new Date(NEW_YEAR))).toBe("2027-01-01T00:00:00+08:00");
    expect(formatShanghai("2026-11-26T01:30:00.000Z")).toBe("2026-11-26 09:30");
    expect(formatShanghai(null)).toBe("—");
  });
});

describe("days", () => {
  it("turn at Beijing midnight, not at UTC midnight", () => {
    expect(shanghaiDate(NEW_YEAR - 1)).toBe("2026-12-31");
    expect(shanghaiDate(NEW_YEAR)).toBe("2027-01-01");
    expect(startOfShanghaiDay("2027-01-01")).toBe(NEW_YEAR);
    expect(endOfShanghaiDay("2026-12-31")).toBe(NEW_YEAR);
  });

  it("step over month and year ends, leap days included", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-03", -35)).toBe("2026-01-27");
    expect(daysBetween("2026-01-27", "2026-03-03")).toBe(35);
    expect(daysBetween("2028-03-01", "2028-02-28")).toBe(-2);
  });

  it("refuse a date that does not exist", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-1-01", "yesterday"])
      expect(() => startOfShanghaiDay(bad)).toThrow(RangeError);
  });

  it("round-trip every instant to the day that holds it", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("1995-01-01"), max: Date.parse("2100-01-01") }), (ms) => {
        const day = shanghaiDate(ms);
        expect(startOfShanghaiDay(day)).toBeLessThanOrEqual(ms);
        expect(endOfShanghaiDay(day)).toBeGreaterThan(ms);
      }),
    );
  });
});

describe("months", () => {
  it("belong to Beijing time: the instant just before and after midnight of the 1st", () => {
    expect(periodOf("2026-03-31T15:59:59.999Z")).toBe("2026-03");
    expect(periodOf("2026-03-31T16:00:00.000Z")).toBe("2026-04");
    expect(periodOf(NEW_YEAR - 1)).toBe("2026-12");
    expect(periodOf(NEW_YEAR)).toBe("2027-01");
    expect(periodOf(new Date(NEW_YEAR))).toBe("2027-01");
    expect(currentPeriod(NEW_YEAR - 1)).toBe("2026-12");
  });

  it("start and end at Beijing midnight of the 1st, across the year end", () => {
    expect(monthStart("2027-01")).toBe(NEW_YEAR);
    expect(monthBounds("2026-12")).toEqual({ from: "2026-11-30T16:00:00.000Z", to: "2026-12-31T16:00:00.000Z" });
    expect(monthBounds("2027-01")).toEqual({ from: "2026-12-31T16:00:00.000Z", to: "2027-01-31T16:00:00.000Z" });
    expect(monthDays("2026-12")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
    expect(monthDays("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
    expect(monthDays("2026-02").last).toBe("2026-02-28");
  });

  it("count forwards and backwards over year ends", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-03", -15)).toBe("2024-12");
    expect(addMonths("2026-03", 0)).toBe("2026-03");
    expect(previousPeriod("2026-01")).toBe("2025-12");
    expect(periodsEnding("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodsEnding("2026-02", 0)).toEqual([]);
  });

  it("hold every instant of the month and none outside it", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("1995-01-01"), max: Date.parse("2100-01-01") }), (ms) => {
        const period = periodOf(ms);
        expect(period).toMatch(PERIOD_PATTERN);
        const { from, to } = monthBounds(period);
        expect(Date.parse(from)).toBeLessThanOrEqual(ms);
        expect(Date.parse(to)).toBeGreaterThan(ms);
        expect(addMonths(addMonths(period, 13), -13)).toBe(period);
      }),
    );
  });

  it("are labelled one way, in Chinese or English", () => {
    expect(periodLabel("2026-03")).toBe("2026年3月");
    expect(periodLabel("2026-12", "zh")).toBe("2026年12月");
    expect(periodLabel("2026-03", "en")).toBe("March 2026");
    expect(periodLabel("2027-01", "en")).toBe("January 2027");
  });

  it("are spelt YYYY-MM with a real month", () => {
    for (const good of ["2026-01", "2026-12"]) expect(PERIOD_PATTERN.test(good)).toBe(true);
    for (const bad of ["2026-00", "2026-13", "2026-1", "26-01", "2026-01-01"])
      expect(PERIOD_PATTERN.test(bad)).toBe(false);
  });
});
