import type { CaseState, CaseStatus } from "./case-model";
import type { CaseCommand, CaseCommandName } from "./commands";
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
