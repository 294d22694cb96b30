import { describe, expect, it } from "vitest";
import { type Counters, emptyCounters, sumCounters } from "./counters";
import { indicatorValue } from "./indicators";
import { caseIncrements } from "./rollup-increments";
import { handBuiltMonth } from "./test-month";

function countersByDepartment(): Map<string, Counters> {
  const out = new Map<string, Partial<Counters>[]>();
  for (const events of handBuiltMonth()) {
    for (const { increment } of caseIncrements(events)) {
      if (!increment) continue;
      expect(increment.period).toBe("2026-03");
      out.set(increment.departmentId, [...(out.get(increment.departmentId) ?? []), increment.counters]);
    }
  }
  return new Map([...out].map(([dept, rows]) => [dept, sumCounters(rows)]));
}

describe("rollup increments over a hand-built month", () => {
  const byDept = countersByDepartment();
  const a = byDept.get("dept-a") ?? emptyCounters();
  const b = byDept.get("dept-b") ?? emptyCounters();
  const desk = byDept.get("") ?? emptyCounters();

  it("counts receipts at the desk, before any department holds the case (the merged duplicate included)", () => {
    expect(desk.received).toBe(6);
    expect(a.received + b.received).toBe(0);
  });

  it("counts each assignment, and the return against the department that returned it", () => {
    expect(a).toMatchObject({ assigned: 4, acknowledgedOnTime: 3, acknowledgedLate: 1, returned: 0 });
    expect(b).toMatchObject({ assigned: 3, acknowledgedOnTime: 2, acknowledgedLate: 0, returned: 1 });
    expect(indicatorValue("responseRate", a)).toBeCloseTo(3 / 4);
    expect(indicatorValue("returnRate", b)).toBeCloseTo(1 / 3);
  });

  it("a late reply counts once as overdue, and an approved extension moves the deadline", () => {
    expect(a).toMatchObject({ replied: 4, repliedOnTime: 3, replyOverdue: 1, urged: 1 });
    expect(indicatorValue("onTimeRate", a)).toBeCloseTo(3 / 4);
    expect(b).toMatchObject({ replied: 2, repliedOnTime: 2, replyOverdue: 0, extended: 1 });
    expect(indicatorValue("onTimeRate", b)).toBe(1);
  });

  it("ratings: solved, satisfied and redo from the citizen's answers", () => {
    expect(a).toMatchObject({
      rated: 3,
      solved: 1,
      partlySolved: 1,
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 1,
      redone: 1,
    });
    expect(indicatorValue("resolutionRate", a)).toBeCloseTo(1 / 3);
    expect(indicatorValue("satisfactionRate", a)).toBeCloseTo(2 / 3);
    expect(indicatorValue("redoRate", a)).toBeCloseTo(1 / 4);
  });

  it("counts every published reply as checked, and the boilerplate ones, per department", () => {
    expect(a).toMatchObject({ replied: 4, replyChecked: 4, replyBoilerplate: 3 });
    expect(b).toMatchObject({ replied: 2, replyChecked: 2, replyBoilerplate: 2 });
    expect(indicatorValue("boilerplateShare", a)).toBeCloseTo(3 / 4);
    expect(indicatorValue("boilerplateShare", b)).toBe(1);
    expect(indicatorValue("boilerplateShare", desk)).toBeNull();
  });

  it("an unrated case is never satisfied, and a department with no ratings has no satisfaction rate (not 0, not 1)", () => {
    expect(b).toMatchObject({ rated: 0, satisfied: 0, closed: 1, unrated: 1 });
    expect(indicatorValue("satisfactionRate", b)).toBeNull();
    expect(indicatorValue("unratedShare", b)).toBe(1);
    expect(a).toMatchObject({ closed: 2, unrated: 1 }); // B's second round closed unrated even though round one was rated
  });
});
