import type { CaseState, CaseStatus } from "./case-model";
import type { CaseCommand, CaseCommandName } from "./commands";
import { CaseEvent, type CaseEventType, type EventEnvelope, type EventOf } from "./events";
import { initialState } from "./evolve";
import { chainEvent } from "./hash-chain";

/** A case in any state, for domain tests. Department `dept-a` holds it. */
export function caseIn(status: CaseStatus, overrides: Partial<CaseState> = {}): CaseState {
  const submitted = chainEvent(null, {
    caseId: "CASE1",
    type: "case.submitted",
    actor: { role: "citizen" },
    at: "2026-03-02T01:00:00.000Z",
    payload: {
      trackingNo: "ABCDEFGHJKM1",
      queryCodeHash: "q",
      petitionerHash: "p",
      type: "complaint",
      title: "路灯不亮两个月",
      body: "小区路灯不亮已经两个多月了",
      category: "urban_rural",
      regionCode: "620802",
      address: null,
      addressee: null,
      channel: "api",
      isPublic: true,
      partnerId: null,
      calendarVersion: null,
    },
  });
  return { ...initialState(submitted), status, departmentId: "dept-a", ...overrides };
}

/** One valid command of each kind. */
export const SAMPLE_COMMANDS: Record<CaseCommandName, CaseCommand> = {
  accept: { name: "accept" },
  reject: { name: "reject", reason: "不属于受理范围" },
  hold: { name: "hold", reason: "待核实" },
  assign: { name: "assign", departmentId: "dept-a", coDepartmentIds: [] },
  rejectReturn: { name: "rejectReturn", note: "属于本单位职责，请继续办理" },
  acknowledge: { name: "acknowledge" },
  returnCase: { name: "returnCase", reason: "非本单位职责" },
  requestExtension: { name: "requestExtension", reason: "需要现场勘查", workingDays: 5 },
  decideExtension: { name: "decideExtension", approved: true },
  draftReply: { name: "draftReply", text: "经核实，路灯已于本周修复。", outcome: "resolved" },
  publishReply: {
    name: "publishReply",
    spokesperson: { name: "王建国", title: "副局长" },
    draftedAt: "2026-03-03T00:00:00.000Z",
  },
  rate: { name: "rate", resolution: "solved", rating: "satisfied" },
  reopen: { name: "reopen", reason: "问题依旧" },
  close: { name: "close" },
  merge: { name: "merge", intoTrackingNo: "ZZZZZZZZZZZZ" },
  urge: { name: "urge", level: "supervise", note: "请于今日内答复" },
};

/** State details that satisfy each command's guards, so only state and role decide the outcome. */
export const GUARD_SATISFIERS: Partial<Record<CaseCommandName, Partial<CaseState>>> = {
  decideExtension: {
    pendingExtension: { reason: "x", workingDays: 5, requestedAt: "2026-03-03T00:00:00.000Z", departmentId: "dept-a" },
  },
  publishReply: { draft: { text: "经核实已修复。", outcome: "resolved", draftedAt: "2026-03-03T00:00:00.000Z" } },
  reopen: { rating: "dissatisfied" },
};

const AT = "2026-03-03T00:00:00.000Z";
const draft = { text: "经核实，路灯已于本周修复。", outcome: "resolved" as const, draftedAt: AT };

/** One event of every type in the union, each payload as the durable object writes it. */
export const SAMPLE_EVENTS: { [T in CaseEventType]: EventOf<T> } = {
  "case.submitted": {
    type: "case.submitted",
    payload: {
      trackingNo: "ABCDEFGHJKM1",
      queryCodeHash: "q",
      petitionerHash: "p",
      type: "complaint",
      title: "路灯不亮两个月",
      body: "小区路灯不亮已经两个多月了",
      category: "urban_rural",
      regionCode: "620802",
      address: null,
      addressee: null,
      channel: "api",
      isPublic: true,
      partnerId: null,
      calendarVersion: 1,
    },
  },
  "case.accepted": { type: "case.accepted", payload: {} },
  "case.rejected": { type: "case.rejected", payload: { reason: "不属于受理范围" } },
  "case.held": { type: "case.held", payload: { reason: "待核实" } },
  "case.assigned": { type: "case.assigned", payload: { departmentId: "dept-a", coDepartmentIds: [] } },
  "case.return_rejected": { type: "case.return_rejected", payload: { note: "属于本单位职责，请继续办理" } },
  "case.acknowledged": { type: "case.acknowledged", payload: { dueAt: null } },
  "case.returned": { type: "case.returned", payload: { reason: "非本单位职责" } },
  "case.extension_requested": {
    type: "case.extension_requested",
    payload: { reason: "需要现场勘查", workingDays: 5, departmentId: "dept-a", requestedAt: AT },
  },
  "case.extension_decided": { type: "case.extension_decided", payload: { approved: true, workingDays: 5 } },
  "case.reply_drafted": {
    type: "case.reply_drafted",
    payload: { text: draft.text, outcome: draft.outcome },
  },
  "case.reply_published": {
    type: "case.reply_published",
    payload: {
      spokesperson: { name: "王建国", title: "副局长" },
      draftedAt: AT,
      draft,
      dueAt: null,
      quality: { score: 0.31, flags: [] },
    },
  },
  "case.rated": { type: "case.rated", payload: { resolution: "solved", rating: "satisfied" } },
  "case.reopened": { type: "case.reopened", payload: { reason: "问题依旧" } },
  "case.closed": { type: "case.closed", payload: { outcome: "resolved", rating: "satisfied" } },
  "case.merged": { type: "case.merged", payload: { intoTrackingNo: "ZZZZZZZZZZZZ" } },
  "case.supported": { type: "case.supported", payload: { supporters: 2 } },
  "case.merge_absorbed": {
    type: "case.merge_absorbed",
    payload: { fromTrackingNo: "ZZZZZZZZZZZZ", added: 2, supporters: 4 },
  },
  "case.urged": { type: "case.urged", payload: { level: "supervise", note: "请于今日内答复" } },
  "case.escalated": {
    type: "case.escalated",
    payload: {
      key: "reply:urge:1",
      kind: "urge",
      stage: "reply",
      round: 1,
      departmentId: "dept-a",
      dueAt: AT,
      fellDueAt: AT,
      accountability: false,
    },
  },
};

/** The sample event of `type` with some payload fields replaced; parsed, so a test cannot build one the store would refuse. */
export function sampleEvent(type: CaseEventType, payload: Record<string, unknown> = {}): CaseEvent {
  return CaseEvent.parse({ type, payload: { ...SAMPLE_EVENTS[type].payload, ...payload } });
}

/** The sample event of `type` in a stored envelope (not a real chain link), for readers that take stored events. */
export function storedSample<T extends CaseEventType>(type: T, seq = 4, at = AT): EventEnvelope & EventOf<T> {
  const sample: EventOf<T> = SAMPLE_EVENTS[type];
  const envelope: EventEnvelope = {
    seq,
    id: `CASE1-${seq}`,
    caseId: "CASE1",
    actor: { role: "system" },
    at,
    prevHash: "",
    hash: "",
  };
  return { ...envelope, ...sample };
}
