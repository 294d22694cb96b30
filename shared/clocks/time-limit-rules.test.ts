import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoConfigRows } from "../demo/demo-config";
import { createCalendar } from "./calendar";
import { calendarDaysOf, HolidayFile } from "./holiday-file";
import { endOfShanghaiDay } from "./period";
import {
  DEFAULT_RULES,
  ESCALATION,
  limitDeadline,
  parseEscalation,
  ruleFor,
  type TimeLimitRule,
  triggerInstant,
} from "./time-limit-rules";

const file = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const cal = createCalendar({ version: 1, days: calendarDaysOf(file) });
const bj = (local: string): number => Date.parse(`${local}+08:00`);

describe("default rules", () => {
  it("are DESIGN.md §3's and the same rows the demo seed writes", () => {
    expect(DEFAULT_RULES).toEqual(demoConfigRows(file, "2026-01-01T00:00:00.000Z").rules);
    const reply = (type: string): number | null | undefined => ruleFor(DEFAULT_RULES, type, null, "reply")?.limitValue;
    expect(["consult", "suggest", "help", "complaint", "report", "thanks"].map(reply)).toEqual([
      5,
      10,
      10,
      15,
      15,
      null,
    ]);
    expect(ruleFor(DEFAULT_RULES, "complaint", "environment", "acknowledge")).toMatchObject({
      limitValue: 1,
      unit: "working_days",
      returnWindowDays: 2,
    });
    expect(ruleFor(DEFAULT_RULES, "complaint", null, "rating")).toMatchObject({ limitValue: 7, unit: "calendar_days" });
    expect(ruleFor(DEFAULT_RULES, "complaint", null, "reply")).toMatchObject({
      extensionCapDays: 10,
      maxExtensions: 1,
      escalation: ESCALATION,
    });
  });
});

describe("ruleFor", () => {
  const general = DEFAULT_RULES.find((r) => r.id === "complaint-reply");
  if (!general) throw new Error("the defaults lost complaint-reply");
  const province: TimeLimitRule = { ...general, id: "env", category: "environment", limitValue: 5 };
  const rules = [...DEFAULT_RULES, province];

  it("prefers the category's own rule to the type's general one, in any order", () => {
    expect(ruleFor(rules, "complaint", "environment", "reply")?.id).toBe("env");
    expect(ruleFor([...rules].reverse(), "complaint", "environment", "reply")?.id).toBe("env");
    expect(ruleFor(rules, "complaint", "transport", "reply")?.id).toBe("complaint-reply");
    expect(ruleFor(rules, "complaint", null, "reply")?.id).toBe("complaint-reply");
  });

  it("returns null when no rule covers the type", () => {
    expect(ruleFor(rules, "unknown-type", null, "reply")).toBeNull();
    expect(ruleFor([province], "complaint", "transport", "reply")).toBeNull();
  });
});

describe("escalation as data", () => {
  it("reads the default ladder in ladder order", () => {
    expect(parseEscalation(ESCALATION)).toEqual([
      { kind: "remind50", fractionOfWindow: 0.5 },
      { kind: "remind75", fractionOfWindow: 0.75 },
      { kind: "urge", fractionOfWindow: 1 },
      { kind: "supervise", workingDaysAfterDue: 2 },
      { kind: "notice", workingDaysAfterDue: 5 },
    ]);
    expect(parseEscalation(null)).toEqual([]);
  });

  it("expresses a province's 催办 the working day after the deadline and 通报 five working days after that", () => {
    const triggers = parseEscalation({ noticeAfterWorkingDays: 6, urgeAfterWorkingDays: 1 });
    expect(triggers.map((t) => t.kind)).toEqual(["urge", "notice"]);
    const due = endOfShanghaiDay("2026-09-30");
    const [urge, notice] = triggers.map((t) => triggerInstant(cal, t, bj("2026-09-22T10:00:00"), due, "working_days"));
    expect(urge).toBe(endOfShanghaiDay("2026-10-08")); // National Day is no working day
    expect(notice).toBe(endOfShanghaiDay("2026-10-14")); // 10-08, 09, 10 (调休 Saturday), 12, 13, 14
  });

  it("rejects what would silently drop a step", () => {
    expect(() => parseEscalation({ urgent: 1 })).toThrow(RangeError);
    expect(() => parseEscalation({ urge: 1, urgeAfterWorkingDays: 1 })).toThrow(RangeError);
    expect(() => parseEscalation({ remind50: 1.5 })).toThrow(RangeError);
    expect(() => parseEscalation({ remind50: 0 })).toThrow(RangeError);
    expect(() => parseEscalation({ noticeAfterWorkingDays: 2.5 })).toThrow(RangeError);
    expect(() => parseEscalation({ noticeAfterWorkingDays: -1 })).toThrow(RangeError);
  });
});

describe("trigger instants and limits", () => {
  const start = bj("2026-09-29T10:00:00");
  const due = endOfShanghaiDay("2026-10-26"); // 15 working days, National Day skipped

  it("put fractions of a working-day window into office hours", () => {
    // Window: 6 office hours on 09-29 + 15 × 7 = 111 h; half is 55.5 h, three quarters 83.25 h.
    expect(triggerInstant(cal, { kind: "remind50", fractionOfWindow: 0.5 }, start, due, "working_days")).toBe(
      bj("2026-10-15T09:30:00"),
    );
    expect(triggerInstant(cal, { kind: "remind75", fractionOfWindow: 0.75 }, start, due, "working_days")).toBe(
      bj("2026-10-21T09:15:00"),
    );
    expect(triggerInstant(cal, { kind: "urge", fractionOfWindow: 1 }, start, due, "working_days")).toBe(due);
    expect(triggerInstant(cal, { kind: "urge", workingDaysAfterDue: 0 }, start, due, "working_days")).toBe(due);
  });

  it("count working days after a mid-day (working-hours) deadline from that day", () => {
    const midday = bj("2026-11-27T14:30:00");
    expect(triggerInstant(cal, { kind: "urge", workingDaysAfterDue: 0 }, start, midday, "working_hours")).toBe(midday);
    expect(triggerInstant(cal, { kind: "supervise", workingDaysAfterDue: 2 }, start, midday, "working_hours")).toBe(
      endOfShanghaiDay("2026-12-01"),
    );
  });

  it("take fractions of elapsed time for calendar-day windows", () => {
    const ratingEnd = limitDeadline(cal, bj("2026-09-30T12:00:00"), 7, "calendar_days");
    expect(ratingEnd).toBe(endOfShanghaiDay("2026-10-07"));
    expect(
      triggerInstant(
        cal,
        { kind: "remind50", fractionOfWindow: 0.5 },
        bj("2026-10-01T00:00:00"),
        bj("2026-10-03T00:00:00"),
        "calendar_days",
      ),
    ).toBe(bj("2026-10-02T00:00:00"));
  });

  it("map each unit to its calendar function, and no limit to null", () => {
    expect(limitDeadline(cal, start, 15, "working_days")).toBe(due);
    expect(limitDeadline(cal, start, 8, "working_hours")).toBe(bj("2026-09-30T11:00:00"));
    expect(limitDeadline(cal, start, null, "working_days")).toBeNull();
  });
});
