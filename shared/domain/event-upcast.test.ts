import { describe, expect, it } from "vitest";
import { readStoredEvent, UnreadableEvent } from "./event-upcast";
import { CASE_EVENT_TYPES, type RawStoredEvent } from "./events";
import { chainEvent, verifyChain } from "./hash-chain";
import { SAMPLE_EVENTS, storedSample } from "./test-fixtures";

const raw = (type: string, payload: unknown, seq = 7): RawStoredEvent => ({
  seq,
  id: `C-OLD-${seq}`,
  caseId: "C-OLD",
  type,
  actor: { role: "system" },
  at: "2026-03-03T00:00:00.000Z",
  payload,
  prevHash: "",
  hash: "",
});

describe("reading stored events", () => {
  it.each(CASE_EVENT_TYPES)("reads today's %s as written", (type) => {
    const event = storedSample(type);
    expect(readStoredEvent(event)).toEqual(event);
  });

  it("upcasts payloads stored before their fields existed", () => {
    const { partnerId: _p, calendarVersion: _c, ...oldSubmission } = SAMPLE_EVENTS["case.submitted"].payload;
    expect(readStoredEvent(raw("case.submitted", oldSubmission)).payload).toEqual({
      ...oldSubmission,
      partnerId: null,
      calendarVersion: null,
    });
    expect(readStoredEvent(raw("case.acknowledged", {})).payload).toEqual({ dueAt: null });
    expect(readStoredEvent(raw("case.rated", { rating: "dissatisfied" })).payload).toEqual({
      rating: "dissatisfied",
      resolution: null,
    });
    expect(readStoredEvent(raw("case.assigned", { departmentId: "dept-a" })).payload).toEqual({
      departmentId: "dept-a",
      coDepartmentIds: [],
    });
    const draft = { text: "已修复", outcome: "resolved", draftedAt: "2026-03-02T00:00:00.000Z" };
    const spokesperson = { name: "王", title: "科长" };
    expect(readStoredEvent(raw("case.reply_published", { spokesperson, draft })).payload).toEqual({
      spokesperson,
      draft,
      draftedAt: draft.draftedAt,
      dueAt: null,
    });
  });

  it("verifies the chain on the event as stored, not on its upcast reading", () => {
    const first = chainEvent(null, {
      caseId: "C",
      actor: { role: "system" },
      at: "2026-03-03T00:00:00.000Z",
      ...SAMPLE_EVENTS["case.accepted"],
    });
    const old = { ...first, type: "case.acknowledged", payload: {} };
    const rehashed = chainEvent(null, {
      caseId: "C",
      actor: old.actor,
      at: old.at,
      type: "case.acknowledged",
      payload: { dueAt: null },
    });
    expect(readStoredEvent(old).payload).toEqual(rehashed.payload);
    expect(verifyChain([rehashed])).toMatchObject({ ok: true });
  });

  it.each([
    ["an unknown type", raw("case.teleported", { to: "moon" }, 12)],
    ["a payload of the wrong shape", raw("case.extension_requested", { reason: "x", workingDays: "five" }, 12)],
    ["a payload with a field no version ever wrote", raw("case.held", { reason: "x", secret: 1 }, 12)],
    ["a payload that is not an object", raw("case.held", "garbled", 12)],
    ["an actor of no known role", { ...raw("case.held", { reason: "x" }, 12), actor: { role: "root" } }],
  ])("refuses %s, naming the case and seq", (_, event) => {
    expect(() => readStoredEvent(event)).toThrow(UnreadableEvent);
    expect(() => readStoredEvent(event)).toThrow(/C-OLD.*seq 12/);
  });

  it("never echoes payload values in the error", () => {
    expect(() => readStoredEvent(raw("case.held", { reason: 13800000000 }, 3))).toThrow(
      expect.objectContaining({ caseId: "C-OLD", seq: 3, message: expect.not.stringContaining("13800000000") }),
    );
  });
});
