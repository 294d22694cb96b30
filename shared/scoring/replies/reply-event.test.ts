import { describe, expect, it } from "vitest";
import type { CaseState } from "../../domain/case-model";
import { decide } from "../../domain/decide";
import { readStoredEvent } from "../../domain/event-upcast";
import type { StoredEvent } from "../../domain/events";
import { evolve } from "../../domain/evolve";
import { caseIn } from "../../domain/test-fixtures";
import { eventIncrement } from "../rollup-increments";
import { replyQuality } from "./quality";

/** The check from the publish decision through the event log to the rollups, in the domain alone. */

const AT = "2026-03-10T02:00:00.000Z";
const DRAFTED = "2026-03-09T02:00:00.000Z";
const spokesperson = { role: "spokesperson" as const, userId: "s", departmentId: "dept-a" };
const publish = {
  name: "publishReply" as const,
  spokesperson: { name: "王建国", title: "副局长" },
  draftedAt: DRAFTED,
};
const GOOD = "经崆峒区城管局现场核查，小区路灯因线路老化损坏，已于3月8日更换线路全部修复，今后每月巡查一次。";

const drafted = (text: string): CaseState =>
  caseIn("acknowledged", { draft: { text, outcome: "resolved", draftedAt: DRAFTED } });

function stored(payload: unknown): StoredEvent {
  return readStoredEvent({
    seq: 9,
    id: "CASE1-9",
    caseId: "CASE1",
    type: "case.reply_published",
    actor: spokesperson,
    at: AT,
    payload,
    prevHash: "",
    hash: "",
  });
}

const countedAfter = (state: CaseState, event: StoredEvent) => eventIncrement(event, evolve(state, event))?.counters;

describe("the reply check in the event and the rollups", () => {
  it("publishing records the check of the reviewed draft against the message in the event", () => {
    for (const text of [GOOD, "您好，已收悉。"]) {
      const state = drafted(text);
      const event = decide(state, publish, spokesperson, AT);
      expect(event.type === "case.reply_published" && event.payload.quality).toEqual(replyQuality(state, text));
    }
    const boiler = decide(drafted("您好，已收悉。"), publish, spokesperson, AT);
    expect(boiler.type === "case.reply_published" && boiler.payload.quality?.flags).toContain("boilerplate");
  });

  it("counts every published reply as checked and the boilerplate ones as such, from the event's verdict", () => {
    const state = drafted(GOOD);
    const payload = decide(state, publish, spokesperson, AT).payload;
    expect(countedAfter(state, stored(payload))).toEqual({ replied: 1, repliedOnTime: 1, replyChecked: 1 });
    // The event's verdict wins over a re-check: what the spokesperson was shown is what is counted.
    const flagged = { ...payload, quality: { score: 0.05, flags: ["boilerplate", "no_outcome"] } };
    expect(countedAfter(state, stored(flagged))).toMatchObject({ replyChecked: 1, replyBoilerplate: 1 });
  });

  it("reads an event from before the check, and scores its reply from the case for the rollups", () => {
    const old = { spokesperson: publish.spokesperson, draftedAt: DRAFTED, dueAt: null };
    const boiler = drafted("网友：您好！留言已收悉");
    const oldBoiler = stored({ ...old, draft: boiler.draft });
    expect(oldBoiler.type === "case.reply_published" && oldBoiler.payload.quality).toBeUndefined();
    expect(countedAfter(boiler, oldBoiler)).toEqual({
      replied: 1,
      repliedOnTime: 1,
      replyChecked: 1,
      replyBoilerplate: 1,
    });
    const good = drafted(GOOD);
    expect(countedAfter(good, stored({ ...old, draft: good.draft }))).toEqual({
      replied: 1,
      repliedOnTime: 1,
      replyChecked: 1,
    });
  });

  it("refuses a malformed verdict in a stored event", () => {
    const state = drafted(GOOD);
    const payload = decide(state, publish, spokesperson, AT).payload;
    expect(() => stored({ ...payload, quality: { score: 2, flags: ["boilerplate"] } })).toThrow(/quality.score/);
    expect(() => stored({ ...payload, quality: { score: 0.5, flags: ["rude"] } })).toThrow(/quality.flags/);
  });
});
