import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseEventType, StoredEvent } from "../domain/events";
import { sampleEvent } from "../domain/test-fixtures";
import { createCalendar } from "./calendar";
import type { CaseClocks } from "./clock-types";
import { calendarDaysOf, HolidayFile } from "./holiday-file";
import { dueLadderSteps, type LadderStep, nextWakeAt } from "./ladder";
import { endOfShanghaiDay } from "./period";
import { computeClocks } from "./stage-clocks";
import { DEFAULT_RULES } from "./time-limit-rules";

const file = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const cal = createCalendar({ version: 1, days: calendarDaysOf(file) });
const bj = (local: string): number => Date.parse(`${local}+08:00`);
const MINUTE = 60_000;
const DAY = 86_400_000;

type Step = [type: CaseEventType, at: number, payload?: Record<string, unknown>];
function log(messageType: string, ...steps: Step[]): StoredEvent[] {
  const first = steps[0]?.[1] ?? bj("2026-09-29T10:00:00");
  const all: Step[] = [
    ["case.submitted", first - 2 * 3_600_000, { type: messageType, category: null }],
    ["case.accepted", first - 3_600_000],
    ...steps,
  ];
  return all.map(([type, at, payload], i) => ({
    seq: i + 1,
    id: `e${i + 1}`,
    caseId: "C1",
    actor: { role: "system" },
    at: new Date(at).toISOString(),
    prevHash: "",
    hash: "",
    ...sampleEvent(type, payload),
  }));
}
const assigned = bj("2026-09-29T10:00:00");
const assign = (at: number, departmentId = "dept-a"): Step => [
  "case.assigned",
  at,
  { departmentId, coDepartmentIds: [] },
];
const complaint: Step[] = [assign(assigned), ["case.acknowledged", assigned + 30 * MINUTE]];
const clocksOf = (events: StoredEvent[]): CaseClocks => computeClocks(events, DEFAULT_RULES, cal);
const keys = (steps: readonly LadderStep[]): string[] => steps.map((s) => s.key);

/** What the durable object does on each tick: apply every due step once, remember its key. */
function tick(clocks: CaseClocks, applied: Set<string>, now: number): LadderStep[] {
  const steps = dueLadderSteps(clocks, applied, now);
  for (const s of steps) applied.add(s.key);
  return steps;
}

// Complaint assigned 2026-09-29 10:00, due at the end of 10-26 (National Day skipped).
const TIMES = {
  remind50: bj("2026-10-15T09:30:00"),
  remind75: bj("2026-10-21T09:15:00"),
  urge: endOfShanghaiDay("2026-10-26"),
  supervise: endOfShanghaiDay("2026-10-28"),
  notice: endOfShanghaiDay("2026-11-02"), // 10-27, 28, 29, 30, then Monday 11-02
};

describe("the reply ladder", () => {
  const clocks = clocksOf(log("complaint", ...complaint));

  it("falls on the default points of the window", () => {
    const ladder = clocks.clocks.find((c) => c.stage === "reply")?.ladder ?? [];
    expect(ladder.map((s) => [s.key, s.at])).toEqual(
      Object.entries(TIMES).map(([kind, at]) => [`reply:${kind}:1`, at]),
    );
  });

  it("gives each step exactly once, none skipped, when a five-minute cron runs through it", () => {
    const applied = new Set<string>();
    const seen: [string, number][] = [];
    for (let now = assigned; now < TIMES.notice + 3 * DAY; now += 5 * MINUTE) {
      for (const s of tick(clocks, applied, now)) seen.push([s.key, now]);
      // The projection's next_due_at always lies ahead of the tick that just ran.
      const next = nextWakeAt(clocks, applied, now);
      if (next !== null) expect(next).toBeGreaterThan(now);
    }
    expect(seen.map(([k]) => k)).toEqual([
      "reply:remind50:1",
      "reply:remind75:1",
      "reply:urge:1",
      "reply:supervise:1",
      "reply:notice:1",
    ]);
    for (const [key, at] of seen) {
      const due = TIMES[key.split(":")[1] as keyof typeof TIMES];
      expect(at - due).toBeGreaterThanOrEqual(0);
      expect(at - due).toBeLessThan(5 * MINUTE);
    }
  });

  it("returns every step a missed cron skipped, in time order, and nothing when asked again", () => {
    const applied = new Set<string>();
    expect(tick(clocks, applied, TIMES.remind50 - 1)).toEqual([]);
    const late = tick(clocks, applied, TIMES.urge + 3 * 3_600_000);
    expect(keys(late)).toEqual(["reply:remind50:1", "reply:remind75:1", "reply:urge:1"]);
    expect(late.map((s) => s.at)).toEqual([TIMES.remind50, TIMES.remind75, TIMES.urge]);
    expect(late.every((s) => s.departmentId === "dept-a" && s.stageRunning && s.dueAt === TIMES.urge)).toBe(true);
    expect(dueLadderSteps(clocks, applied, TIMES.urge + 3 * 3_600_000)).toEqual([]);
    const notice = tick(clocks, applied, TIMES.notice + DAY);
    expect(notice.map((s) => [s.kind, s.accountability])).toEqual([
      ["supervise", false],
      ["notice", true],
    ]);
    expect(nextWakeAt(clocks, applied, TIMES.notice + DAY)).toBeNull();
  });

  it("moves the later steps when an extension is approved mid-ladder", () => {
    const extended = log(
      "complaint",
      ...complaint,
      ["case.extension_requested", TIMES.remind50 + DAY, { workingDays: 5 }],
      ["case.extension_decided", TIMES.remind50 + DAY + 3_600_000, { approved: true, workingDays: 5 }],
    );
    const applied = new Set(["reply:remind50:1"]);
    const c = clocksOf(extended);
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-11-02"));
    expect(keys(dueLadderSteps(c, applied, TIMES.urge + 3_600_000))).toEqual(["reply:remind75:1"]);
    const moved = Object.fromEntries(
      (c.clocks.find((k) => k.stage === "reply")?.ladder ?? []).map((s) => [s.kind, s.at]),
    );
    expect(moved.remind75).toBeGreaterThan(TIMES.remind75);
    expect([moved.urge, moved.supervise, moved.notice]).toEqual([
      endOfShanghaiDay("2026-11-02"),
      endOfShanghaiDay("2026-11-04"),
      endOfShanghaiDay("2026-11-09"),
    ]);
    expect(nextWakeAt(c, new Set(["reply:remind50:1", "reply:remind75:1"]), TIMES.urge + 3_600_000)).toBe(
      endOfShanghaiDay("2026-11-02"),
    );
  });

  it("stops when the reply is published, keeping only steps already earned", () => {
    const onTime = clocksOf(log("complaint", ...complaint, ["case.reply_published", TIMES.remind75 - DAY]));
    expect(keys(dueLadderSteps(onTime, new Set(), TIMES.notice + DAY))).toEqual(["reply:remind50:1"]);
    expect(dueLadderSteps(onTime, new Set(["reply:remind50:1"]), TIMES.notice + DAY)).toEqual([]);
    expect(onTime.nextDueAt).toBe(endOfShanghaiDay("2026-10-27")); // only the rating window is left
    const late = clocksOf(log("complaint", ...complaint, ["case.reply_published", TIMES.urge + 3_600_000]));
    const earned = dueLadderSteps(late, new Set(["reply:remind50:1"]), TIMES.notice + DAY);
    expect(earned.map((s) => [s.kind, s.stageRunning])).toEqual([
      ["remind75", false],
      ["urge", false],
    ]);
  });

  it("blames the department holding the case when a step falls due", () => {
    const transferred = clocksOf(
      log(
        "complaint",
        assign(assigned, "dept-a"),
        ["case.returned", assigned + 3_600_000, { reason: "非本单位职责" }],
        assign(bj("2026-10-08T09:30:00"), "dept-b"),
        ["case.acknowledged", bj("2026-10-08T10:00:00")],
      ),
    );
    const steps = dueLadderSteps(transferred, new Set(), TIMES.notice);
    expect(steps.map((s) => [s.kind, s.at, s.departmentId])).toEqual(
      Object.entries(TIMES).map(([kind, at]) => [kind, at, "dept-b"]),
    );
  });

  it("gives a reopened case a new round with its own keys", () => {
    const replied = assigned + DAY;
    const c = clocksOf(
      log(
        "complaint",
        ...complaint,
        ["case.reply_published", replied],
        ["case.rated", replied + DAY, { rating: "dissatisfied" }],
        ["case.reopened", bj("2026-10-08T09:00:00"), { reason: "问题依旧" }],
        assign(bj("2026-10-08T10:00:00"), "dept-b"),
        ["case.acknowledged", bj("2026-10-08T11:00:00")],
      ),
    );
    const steps = dueLadderSteps(c, new Set(), endOfShanghaiDay("2026-11-30"));
    expect(keys(steps)).toEqual([
      "reply:remind50:2",
      "reply:remind75:2",
      "reply:urge:2",
      "reply:supervise:2",
      "reply:notice:2",
    ]);
    expect(c.replyDueAt).toBe(endOfShanghaiDay("2026-10-28")); // 15 working days after 10-08, 调休 10-10 included
  });

  it("has no steps for thanks", () => {
    const thanks = clocksOf(log("thanks", ...complaint));
    expect(dueLadderSteps(thanks, new Set(), TIMES.notice + 30 * DAY)).toEqual([]);
  });
});

describe("property: ticking in pieces equals one late tick", () => {
  const timeline = fc.record({
    type: fc.constantFrom("consult", "suggest", "help", "complaint", "report"),
    assignedAt: fc.integer({ min: bj("2025-01-01T00:00:00"), max: bj("2026-11-30T00:00:00") }),
    extendAfterDays: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    extension: fc.integer({ min: 1, max: 10 }),
    replyAfterDays: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
    nows: fc.array(fc.integer({ min: 0, max: 60 * DAY }), { minLength: 1, maxLength: 25 }),
  });

  it("yields the same steps, none twice, in time order", () => {
    fc.assert(
      fc.property(timeline, ({ type, assignedAt, extendAfterDays, extension, replyAfterDays, nows }) => {
        const steps: Step[] = [assign(assignedAt), ["case.acknowledged", assignedAt + MINUTE]];
        if (extendAfterDays !== null)
          steps.push([
            "case.extension_decided",
            assignedAt + extendAfterDays * DAY,
            { approved: true, workingDays: extension },
          ]);
        if (replyAfterDays !== null) steps.push(["case.reply_published", assignedAt + replyAfterDays * DAY + MINUTE]);
        const clocks = clocksOf(log(type, ...steps));
        const applied = new Set<string>();
        const union: LadderStep[] = [];
        for (const offset of [...nows].sort((a, b) => a - b)) {
          const got = tick(clocks, applied, assignedAt + offset);
          expect(got.every((s) => !union.some((u) => u.key === s.key))).toBe(true);
          union.push(...got);
        }
        const final = assignedAt + Math.max(...nows);
        expect(keys(union).sort()).toEqual(keys(dueLadderSteps(clocks, new Set(), final)).sort());
        expect(union.map((s) => s.at)).toEqual(union.map((s) => s.at).sort((a, b) => a - b));
        expect(dueLadderSteps(clocks, applied, final)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
