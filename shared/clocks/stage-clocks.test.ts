import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseEventType, StoredEvent } from "../domain/events";
import { sampleEvent } from "../domain/test-fixtures";
import { addWorkingDays, createCalendar } from "./calendar";
import { calendarDaysOf, HolidayFile } from "./holiday-file";
import { chargedWorkingMs } from "./ladder";
import { endOfShanghaiDay } from "./period";
import { clockStatus, computeClocks } from "./stage-clocks";
import { DEFAULT_RULES } from "./time-limit-rules";
import { workingMsBetween } from "./working-time";

const file = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const cal = createCalendar({ version: 1, days: calendarDaysOf(file) });
const bj = (local: string): number => Date.parse(`${local}+08:00`);
const HOUR = 3_600_000;

type Step = [type: CaseEventType, local: string, payload?: Record<string, unknown>];
/** A case log: submitted and accepted at 09:00 on the first step's day, then the steps given. */
function log(messageType: string, ...steps: Step[]): StoredEvent[] {
  const day = steps[0]?.[1].slice(0, 10) ?? "2026-09-29";
  const all: Step[] = [
    ["case.submitted", `${day}T08:00:00`, { type: messageType, category: null }],
    ["case.accepted", `${day}T09:00:00`],
    ...steps,
  ];
  return all.map(([type, local, payload], i) => ({
    seq: i + 1,
    id: `e${i + 1}`,
    caseId: "C1",
    actor: { role: "system" },
    at: new Date(bj(local)).toISOString(),
    prevHash: "",
    hash: "",
    ...sampleEvent(type, payload),
  }));
}
const assign = (local: string, departmentId = "dept-a"): Step => [
  "case.assigned",
  local,
  { departmentId, coDepartmentIds: [] },
];
const clocksOf = (events: StoredEvent[], now?: number) => computeClocks(events, DEFAULT_RULES, cal, now);

describe("reply due by type, across the National Day break", () => {
  // Assigned Tue 2026-09-29; working days after: 09-30, 10-08, 10-09, 10-10 (调休 Sat), 10-12 … .
  it.each([
    ["consult", "2026-10-12"],
    ["suggest", "2026-10-19"],
    ["help", "2026-10-19"],
    ["complaint", "2026-10-26"],
    ["report", "2026-10-26"],
  ])("%s is due at the end of %s", (type, date) => {
    const c = clocksOf(log(type, assign("2026-09-29T10:00:00")));
    expect(c.replyDueAt).toBe(endOfShanghaiDay(date));
    expect(c.acknowledgeDueAt).toBe(endOfShanghaiDay("2026-09-30"));
    expect(c.current).toEqual({
      stage: "acknowledge",
      round: 1,
      dueAt: endOfShanghaiDay("2026-09-30"),
      departmentId: "dept-a",
    });
    expect(c.calendarVersion).toBe(1);
    expect(c.coverage).toBe("official");
  });

  it("thanks has no reply clock and no ladder", () => {
    const c = clocksOf(log("thanks", assign("2026-09-29T10:00:00"), ["case.acknowledged", "2026-09-29T11:00:00"]));
    expect(c.replyDueAt).toBeNull();
    expect(c.clocks.find((k) => k.stage === "reply")).toMatchObject({ state: "running", dueAt: null, ladder: [] });
    expect(c.current).toMatchObject({ stage: "reply", dueAt: null });
    expect(c.status).toBe("on_time");
    expect(c.nextDueAt).toBeNull();
  });
});

describe("the dispatch and acknowledge stages", () => {
  it("dispatch runs from acceptance to the assignment, charged to the desk", () => {
    const waiting = clocksOf(log("consult"));
    expect(waiting.current).toEqual({
      stage: "dispatch",
      round: 1,
      dueAt: endOfShanghaiDay("2026-09-30"),
      departmentId: null,
    });
    expect(waiting.nextDueAt).toBe(endOfShanghaiDay("2026-09-30"));
    const assigned = clocksOf(log("consult", assign("2026-10-09T10:00:00")));
    expect(assigned.clocks[0]).toMatchObject({ stage: "dispatch", state: "done", finishedLate: false });
    expect(assigned.charges[0]).toEqual({
      departmentId: null,
      round: 1,
      from: bj("2026-10-09T09:00:00"),
      to: bj("2026-10-09T10:00:00"),
    });
  });

  it("is due soon once less than max(25 % of the window, one working day) remains", () => {
    const c = clocksOf(log("complaint", assign("2026-09-29T10:00:00")));
    const ack = c.clocks.find((k) => k.stage === "acknowledge");
    // 13 office hours to sign; one working day (7 h) is the larger threshold: due soon from 09-30 09:00.
    expect(ack?.dueSoonAt).toBe(bj("2026-09-30T09:00:00") + 1);
    const reply = c.clocks.find((k) => k.stage === "reply");
    if (!reply) throw new Error("no reply clock");
    const window = workingMsBetween(cal, reply.startedAt, reply.dueAt ?? 0);
    fc.assert(
      fc.property(fc.integer({ min: reply.startedAt, max: (reply.dueAt ?? 0) + 3 * 86_400_000 }), (now) => {
        const left = workingMsBetween(cal, now, reply.dueAt ?? 0);
        const expected =
          now >= (reply.dueAt ?? 0) ? "overdue" : left < Math.max(window / 4, 7 * HOUR) ? "due_soon" : "on_time";
        expect(clockStatus(reply, now)).toBe(expected);
      }),
    );
    const signed = log("complaint", assign("2026-09-29T10:00:00"), ["case.acknowledged", "2026-09-29T11:00:00"]);
    expect(clocksOf(signed, bj("2026-10-20T10:00:00")).status).toBe("on_time");
    expect(clocksOf(signed, bj("2026-10-23T10:00:00")).status).toBe("due_soon");
    expect(clocksOf(signed, bj("2026-10-27T00:00:00")).status).toBe("overdue");
  });

  it("a late 签收 shows the case overdue until it is signed", () => {
    const late = clocksOf(log("complaint", assign("2026-09-29T10:00:00")), bj("2026-10-08T10:00:00"));
    expect(late.status).toBe("overdue");
    const signed = clocksOf(
      log("complaint", assign("2026-09-29T10:00:00"), ["case.acknowledged", "2026-10-08T10:00:00"]),
    );
    expect(signed.status).toBe("on_time");
    expect(signed.clocks.find((k) => k.stage === "acknowledge")).toMatchObject({ state: "done", finishedLate: true });
  });
});

describe("transfers and returns", () => {
  const events = log(
    "complaint",
    assign("2026-09-29T10:00:00", "dept-a"),
    ["case.returned", "2026-09-30T11:00:00", { reason: "非本单位职责" }],
    assign("2026-10-08T09:30:00", "dept-b"),
  );

  it("keep the reply due from the first assignment and give the new unit its own 签收 day", () => {
    const c = clocksOf(events, bj("2026-10-08T12:00:00"));
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-10-26"));
    expect(c.acknowledgeDueAt).toBe(endOfShanghaiDay("2026-10-09"));
    expect(c.current).toMatchObject({ stage: "acknowledge", departmentId: "dept-b" });
    expect(c.returnWindowEndsAt).toBe(endOfShanghaiDay("2026-10-10"));
    expect(c.clocks.filter((k) => k.stage === "acknowledge").map((k) => k.state)).toEqual(["stopped", "running"]);
  });

  it("charge the time to whoever held the case", () => {
    const c = clocksOf(events, bj("2026-10-08T12:00:00"));
    expect(c.charges.map((i) => i.departmentId)).toEqual([null, "dept-a", null, "dept-b"]);
    const ms = chargedWorkingMs(c, cal, bj("2026-10-08T12:00:00"));
    expect(ms.get("dept-a")).toBe(8 * HOUR); // 09-29 10–12, 13–17; 09-30 09–11
    expect(ms.get(null)).toBe(6.5 * HOUR); // 09-29 09–10; 09-30 11–12, 13–17; 10-08 09–09:30
    expect(ms.get("dept-b")).toBe(2.5 * HOUR);
  });

  it("while returned, wait on the desk's dispatch and keep no return window", () => {
    const c = clocksOf(events.slice(0, 4), bj("2026-09-30T12:00:00"));
    expect(c.current).toEqual({
      stage: "dispatch",
      round: 2,
      dueAt: endOfShanghaiDay("2026-10-08"),
      departmentId: null,
    });
    expect(c.returnWindowEndsAt).toBeNull();
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-10-26"));
  });

  it("a return ruled unfounded hands back the same unit's clocks and its original return window", () => {
    const back = log(
      "complaint",
      assign("2026-09-29T10:00:00", "dept-a"),
      ["case.returned", "2026-09-29T11:00:00", { reason: "非本单位职责" }],
      ["case.return_rejected", "2026-09-29T15:00:00", { note: "属于本单位职责" }],
    );
    const c = clocksOf(back);
    expect(c.current).toEqual({
      stage: "acknowledge",
      round: 1,
      dueAt: endOfShanghaiDay("2026-09-30"),
      departmentId: "dept-a",
    });
    expect(c.returnWindowEndsAt).toBe(addWorkingDays(cal, bj("2026-09-29T10:00:00"), 2));
    expect(c.charges.map((i) => i.departmentId)).toEqual([null, "dept-a", null, "dept-a"]);
  });
});

describe("extensions, replies, reopening and closing", () => {
  const base: Step[] = [assign("2026-09-29T10:00:00"), ["case.acknowledged", "2026-09-29T11:00:00"]];

  it("an approved extension moves the reply due by working days; a denied one does not", () => {
    const approved = clocksOf(
      log(
        "complaint",
        ...base,
        ["case.extension_requested", "2026-10-16T10:00:00", { workingDays: 5 }],
        ["case.extension_decided", "2026-10-16T11:00:00", { approved: true, workingDays: 5 }],
      ),
    );
    expect(approved.replyDueAt).toBe(endOfShanghaiDay("2026-11-02"));
    expect(approved.clocks.find((k) => k.stage === "reply")?.extendedWorkingDays).toBe(5);
    const denied = clocksOf(
      log(
        "complaint",
        ...base,
        ["case.extension_requested", "2026-10-16T10:00:00", { workingDays: 5 }],
        ["case.extension_decided", "2026-10-16T11:00:00", { approved: false }],
      ),
    );
    expect(denied.replyDueAt).toBe(endOfShanghaiDay("2026-10-26"));
  });

  it("a published reply stops the reply clock and opens the rating window", () => {
    const c = clocksOf(
      log("complaint", ...base, ["case.reply_published", "2026-10-20T10:00:00"]),
      bj("2026-10-30T10:00:00"),
    );
    expect(c.clocks.find((k) => k.stage === "reply")).toMatchObject({
      state: "done",
      endedAt: bj("2026-10-20T10:00:00"),
      finishedLate: false,
    });
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-10-26"));
    expect(c.ratingWindowEndsAt).toBe(endOfShanghaiDay("2026-10-27"));
    expect(c.status).toBe("on_time"); // past the old reply due, but the reply is in
    expect(c.returnWindowEndsAt).toBeNull();
    expect(c.charges.at(-1)?.to).toBe(bj("2026-10-20T10:00:00"));
  });

  it("reopening starts a new round whose reply clock starts at the reassignment", () => {
    const events = log(
      "consult",
      ...base,
      ["case.reply_published", "2026-09-30T10:00:00"],
      ["case.rated", "2026-09-30T12:00:00", { rating: "dissatisfied" }],
      ["case.reopened", "2026-10-08T09:00:00", { reason: "问题依旧" }],
      assign("2026-10-09T10:00:00", "dept-b"),
    );
    const waiting = clocksOf(events.slice(0, -1));
    expect(waiting).toMatchObject({
      round: 2,
      replyDueAt: null,
      ratingWindowEndsAt: null,
      current: { stage: "dispatch", round: 2 },
    });
    const c = clocksOf(events);
    expect(c.round).toBe(2);
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-10-15")); // 10-10 (调休 Saturday), 12, 13, 14, 15
    expect(c.clocks.filter((k) => k.stage === "reply").map((k) => [k.round, k.state])).toEqual([
      [1, "done"],
      [2, "running"],
    ]);
    expect(c.charges.at(-1)).toMatchObject({ departmentId: "dept-b", round: 2 });
  });

  it("closing, rejecting or merging stops every clock", () => {
    for (const end of ["case.closed", "case.merged"] as const) {
      const c = clocksOf(log("complaint", ...base, [end, "2026-10-08T10:00:00"]));
      expect(c).toMatchObject({
        ended: true,
        current: null,
        nextDueAt: null,
        status: "on_time",
        returnWindowEndsAt: null,
      });
      expect(c.clocks.every((k) => k.state !== "running")).toBe(true);
    }
    const rejected = clocksOf(log("complaint", ["case.rejected", "2026-09-29T10:00:00"]));
    expect(rejected).toMatchObject({ ended: true, current: null, nextDueAt: null });
  });
});
