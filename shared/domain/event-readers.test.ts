import { describe, expect, it } from "vitest";
import { createCalendar } from "../clocks/calendar";
import { computeClocks } from "../clocks/stage-clocks";
import { DEFAULT_RULES } from "../clocks/time-limit-rules";
import { notifyMessageFor } from "../notify/decide";
import type { Counters } from "../scoring/counters";
import { eventIncrement } from "../scoring/rollup-increments";
import { CASE_EVENT_TYPES, type CaseEventType } from "./events";
import { evolve } from "./evolve";
import { caseIn, SAMPLE_EVENTS, storedSample } from "./test-fixtures";

/**
 * Every event type through every shared reader. The expectation tables are keyed by the whole
 * union, so a new event type does not compile here until someone says what each reader makes of it
 * (and the readers' own `never` defaults do not compile until they handle it).
 */

const COUNTED: Record<CaseEventType, Partial<Counters> | null> = {
  "case.submitted": null,
  "case.accepted": { received: 1 },
  "case.rejected": null,
  "case.held": null,
  "case.assigned": { assigned: 1 },
  "case.return_rejected": null,
  "case.acknowledged": { acknowledgedOnTime: 1 },
  "case.returned": { returned: 1 },
  "case.extension_requested": null,
  "case.extension_decided": { extended: 1 },
  "case.reply_drafted": null,
  "case.reply_published": { replied: 1, repliedOnTime: 1, replyChecked: 1 },
  "case.rated": { rated: 1, solved: 1, satisfied: 1 },
  "case.reopened": { redone: 1 },
  "case.closed": { closed: 1, unrated: 1 },
  "case.merged": null,
  "case.supported": null,
  "case.merge_absorbed": null,
  "case.urged": { supervised: 1 },
  "case.escalated": { urged: 1, replyOverdue: 1 },
};

/** Whether the event goes to the notifications queue (someone may hear of it: the citizen or staff). */
const SOMEONE_HEARS: Record<CaseEventType, boolean> = {
  "case.submitted": true,
  "case.accepted": false,
  "case.rejected": true,
  "case.held": false,
  "case.assigned": true,
  "case.return_rejected": false,
  "case.acknowledged": false,
  "case.returned": false,
  "case.extension_requested": false,
  "case.extension_decided": false,
  "case.reply_drafted": false,
  "case.reply_published": true,
  "case.rated": false,
  "case.reopened": true,
  "case.closed": false,
  "case.merged": true,
  "case.supported": false,
  "case.merge_absorbed": false,
  "case.urged": true,
  "case.escalated": true,
};

const ENDS_CLOCKS: Record<CaseEventType, boolean> = {
  "case.submitted": false,
  "case.accepted": false,
  "case.rejected": true,
  "case.held": false,
  "case.assigned": false,
  "case.return_rejected": false,
  "case.acknowledged": false,
  "case.returned": false,
  "case.extension_requested": false,
  "case.extension_decided": false,
  "case.reply_drafted": false,
  "case.reply_published": false,
  "case.rated": false,
  "case.reopened": false,
  "case.closed": true,
  "case.merged": true,
  "case.supported": false,
  "case.merge_absorbed": false,
  "case.urged": false,
  "case.escalated": false,
};

const cal = createCalendar({ version: 1, days: [] });

describe("one sample of every event type through every shared reader", () => {
  it("has a sample for exactly the types of the union", () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it.each(CASE_EVENT_TYPES)("%s", (type) => {
    const event = storedSample(type);
    const state = evolve(caseIn("acknowledged", { lastSeq: 3 }), event);
    expect(state.lastSeq).toBe(4);

    expect(eventIncrement(event, state)?.counters ?? null).toEqual(COUNTED[type]);
    expect(notifyMessageFor(event, state, null) !== null).toBe(SOMEONE_HEARS[type]);

    const log = [
      storedSample("case.submitted", 1, "2026-03-02T01:00:00.000Z"),
      storedSample("case.accepted", 2, "2026-03-02T02:00:00.000Z"),
      storedSample("case.assigned", 3, "2026-03-02T03:00:00.000Z"),
      event,
    ];
    expect(computeClocks(log, DEFAULT_RULES, cal, Date.parse(event.at)).ended).toBe(ENDS_CLOCKS[type]);
  });
});
