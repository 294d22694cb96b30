import type { CaseStatus } from "./case-model";
import type { CaseCommandName } from "./commands";
import type { CaseEventType } from "./events";

export interface Transition {
  /** States the command may start from. */
  from: readonly CaseStatus[];
  /** Resulting state; `null` keeps the current one (an extension request, a draft, a rating). */
  to: CaseStatus | null;
  /** The event the command appends. */
  event: CaseEventType;
}

const OPEN_FOR_HANDLING: readonly CaseStatus[] = ["assigned", "acknowledged"];

/** The state machine of DESIGN.md §2 as one table; who may run each command is in permissions.ts. */
export const TRANSITIONS: Record<CaseCommandName, Transition> = {
  accept: { from: ["submitted", "held"], to: "accepted", event: "case.accepted" },
  reject: { from: ["submitted", "held"], to: "rejected", event: "case.rejected" },
  hold: { from: ["submitted"], to: "held", event: "case.held" },
  assign: { from: ["accepted", "returned", "reopened"], to: "assigned", event: "case.assigned" },
  // The dispatcher rules a return unfounded: the case goes back to the department that returned it.
  rejectReturn: { from: ["returned"], to: "assigned", event: "case.return_rejected" },
  acknowledge: { from: ["assigned"], to: "acknowledged", event: "case.acknowledged" },
  returnCase: { from: OPEN_FOR_HANDLING, to: "returned", event: "case.returned" },
  requestExtension: { from: OPEN_FOR_HANDLING, to: null, event: "case.extension_requested" },
  decideExtension: { from: OPEN_FOR_HANDLING, to: null, event: "case.extension_decided" },
  draftReply: { from: ["acknowledged"], to: null, event: "case.reply_drafted" },
  publishReply: { from: ["acknowledged"], to: "replied", event: "case.reply_published" },
  rate: { from: ["replied"], to: null, event: "case.rated" },
  reopen: { from: ["replied", "closed"], to: "reopened", event: "case.reopened" },
  close: { from: ["replied"], to: "closed", event: "case.closed" },
  merge: { from: ["submitted", "held", "accepted", "assigned"], to: "merged", event: "case.merged" },
  urge: { from: ["accepted", "assigned", "acknowledged", "returned", "reopened"], to: null, event: "case.urged" },
};
