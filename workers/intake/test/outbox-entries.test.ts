import { describe, expect, it } from "vitest";
import { CASE_EVENT_TYPES, type CaseEventType } from "../../../shared/domain/events";
import { caseIn, storedSample } from "../../../shared/domain/test-fixtures";
import { outboxEntriesFor } from "../src/case-record/outbox-entries";

/**
 * What leaves the case object after one event of every type. Keyed by the whole union: a new event
 * type does not compile here until someone decides what it sends beyond the read model, the event
 * stream and the partner's webhook, which every event sends (the notifications queue hears of the
 * events someone is told about; who, is the deadline Worker's look-up).
 */
const BESIDES: Record<CaseEventType, string[]> = {
  "case.submitted": ["notifications", "case-intake"],
  "case.accepted": [],
  "case.rejected": ["notifications"],
  "case.held": [],
  "case.assigned": ["notifications"],
  "case.return_rejected": [],
  "case.acknowledged": [],
  "case.returned": [],
  "case.extension_requested": [],
  "case.extension_decided": [],
  "case.reply_drafted": [],
  "case.reply_published": ["notifications"],
  "case.rated": [],
  "case.reopened": ["notifications"],
  "case.closed": [],
  "case.merged": ["notifications"],
  "case.supported": [],
  "case.merge_absorbed": [],
  "case.urged": ["notifications"],
  "case.escalated": ["notifications"],
};

const petitioner = { name: null, phone: "13800000000", email: null };
const state = caseIn("acknowledged", { partnerId: "partner-1" });

describe("the outbox entries of every event type", () => {
  it.each(CASE_EVENT_TYPES)("%s", (type) => {
    const entries = outboxEntriesFor(storedSample(type), state, petitioner, null);
    expect(entries.map((e) => e.target)).toEqual([
      "d1",
      "case-events",
      ...BESIDES[type].filter((t) => t === "notifications"),
      "webhook",
      ...BESIDES[type].filter((t) => t !== "notifications"),
    ]);
    const webhook = entries.find((e) => e.target === "webhook");
    expect(webhook?.body).toMatchObject({ partnerId: "partner-1", body: { type, seq: 4 } });
  });

  it("records a 通报 for the accountability list, blamed on the department that held the case", () => {
    const event = storedSample("case.escalated");
    const notice = {
      ...event,
      payload: { ...event.payload, key: "reply:notice:1", kind: "notice" as const, accountability: true },
    };
    const entry = outboxEntriesFor(notice, state, petitioner, null).find((e) => e.target === "accountability");
    expect(entry?.body).toEqual({
      id: "CASE1:reply:notice:1",
      caseId: "CASE1",
      trackingNo: state.trackingNo,
      departmentId: "dept-a",
      stage: "reply",
      kind: "notice",
      dueAt: event.payload.dueAt,
      recordedAt: event.at,
    });
  });
});
