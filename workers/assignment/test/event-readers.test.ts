import { describe, expect, it } from "vitest";
import type { LadderKind } from "../../../shared/clocks/time-limit-rules";
import { CASE_EVENT_TYPES, type CaseEventType } from "../../../shared/domain/events";
import { SAMPLE_EVENTS } from "../../../shared/domain/test-fixtures";
import { eventNote } from "../src/console/case-desk-page";
import { noticeDepartmentId, noticeKind } from "../src/console/notice-page";

/**
 * The console's readers of the event union, one sample of every type. Keyed by the whole union:
 * a new event type does not compile here until its line on the case page and its notice are decided.
 */
const NOTES: Record<CaseEventType, string> = {
  "case.submitted": "",
  "case.accepted": "",
  "case.rejected": "不属于受理范围",
  "case.held": "待核实",
  "case.assigned": "→ 住建局",
  "case.return_rejected": "属于本单位职责，请继续办理",
  "case.acknowledged": "",
  "case.returned": "非本单位职责",
  "case.extension_requested": "需要现场勘查 · 5 个工作日",
  "case.extension_decided": "5 个工作日 · 同意",
  "case.reply_drafted": "经核实，路灯已于本周修复。",
  "case.reply_published": "",
  "case.rated": "satisfied",
  "case.reopened": "问题依旧",
  "case.closed": "satisfied",
  "case.merged": "ZZZZZZZZZZZZ",
  "case.supported": "2",
  "case.merge_absorbed": "ZZZZZZZZZZZZ · +2",
  "case.urged": "督办 · 请于今日内答复",
  "case.escalated": "催办",
};

const NOTICES: Record<CaseEventType, LadderKind | null> = {
  "case.submitted": null,
  "case.accepted": null,
  "case.rejected": null,
  "case.held": null,
  "case.assigned": null,
  "case.return_rejected": null,
  "case.acknowledged": null,
  "case.returned": null,
  "case.extension_requested": null,
  "case.extension_decided": null,
  "case.reply_drafted": null,
  "case.reply_published": null,
  "case.rated": null,
  "case.reopened": null,
  "case.closed": null,
  "case.merged": null,
  "case.supported": null,
  "case.merge_absorbed": null,
  "case.urged": "supervise",
  "case.escalated": "urge",
};

const names = new Map([["dept-a", "住建局"]]);

describe("the console reads every event type", () => {
  it.each(CASE_EVENT_TYPES)("%s", (type) => {
    const event = SAMPLE_EVENTS[type];
    expect(eventNote(event, names)).toBe(NOTES[type]);
    expect(noticeKind(event)).toBe(NOTICES[type]);
    expect(noticeDepartmentId(event)).toBe(type === "case.escalated" ? "dept-a" : null);
  });

  it("shows optional notes where a command gave them", () => {
    expect(
      eventNote({ type: "case.assigned", payload: { departmentId: "d9", coDepartmentIds: [], note: "加急" } }, names),
    ).toBe("→ d9 · 加急");
    expect(
      eventNote(
        { type: "case.extension_decided", payload: { approved: false, note: "待补充材料", workingDays: 3 } },
        names,
      ),
    ).toBe("待补充材料 · 3 个工作日 · 不同意");
  });
});
