import type { CaseStatus, Role } from "./case-model";
import type { CaseCommandName } from "./commands";

export interface Transition {
  /** States the command may start from. */
  from: readonly CaseStatus[];
  /** Resulting state; `null` keeps the current one (an extension request, a draft, a rating). */
  to: CaseStatus | null;
  /** Roles that may issue the command. `system` is the platform itself (routing, seed, cron). */
  roles: readonly Role[];
  /** Department staff may act only on cases their department holds. */
  ownDepartmentOnly: boolean;
  /** The event the command appends. */
  event: string;
}

const OPEN_FOR_HANDLING: readonly CaseStatus[] = ["assigned", "acknowledged"];

/** The state machine of DESIGN.md §2 as one table; tests enumerate it. */
export const TRANSITIONS: Record<CaseCommandName, Transition> = {
  accept: { from: ["submitted", "held"], to: "accepted", roles: ["dispatcher", "system"], ownDepartmentOnly: false, event: "case.accepted" },
  reject: { from: ["submitted", "held"], to: "rejected", roles: ["dispatcher", "system"], ownDepartmentOnly: false, event: "case.rejected" },
  hold: { from: ["submitted"], to: "held", roles: ["dispatcher", "system"], ownDepartmentOnly: false, event: "case.held" },
  assign: {
    from: ["accepted", "returned", "reopened"],
    to: "assigned",
    roles: ["dispatcher", "system"],
    ownDepartmentOnly: false,
    event: "case.assigned",
  },
  acknowledge: { from: ["assigned"], to: "acknowledged", roles: ["handler"], ownDepartmentOnly: true, event: "case.acknowledged" },
  returnCase: { from: OPEN_FOR_HANDLING, to: "returned", roles: ["handler"], ownDepartmentOnly: true, event: "case.returned" },
  requestExtension: { from: OPEN_FOR_HANDLING, to: null, roles: ["handler"], ownDepartmentOnly: true, event: "case.extension_requested" },
  decideExtension: { from: OPEN_FOR_HANDLING, to: null, roles: ["dispatcher"], ownDepartmentOnly: false, event: "case.extension_decided" },
  draftReply: { from: ["acknowledged"], to: null, roles: ["handler"], ownDepartmentOnly: true, event: "case.reply_drafted" },
  publishReply: { from: ["acknowledged"], to: "replied", roles: ["spokesperson"], ownDepartmentOnly: true, event: "case.reply_published" },
  rate: { from: ["replied"], to: null, roles: ["citizen"], ownDepartmentOnly: false, event: "case.rated" },
  reopen: { from: ["replied", "closed"], to: "reopened", roles: ["citizen", "dispatcher"], ownDepartmentOnly: false, event: "case.reopened" },
  close: { from: ["replied"], to: "closed", roles: ["dispatcher", "system"], ownDepartmentOnly: false, event: "case.closed" },
  merge: {
    from: ["submitted", "held", "accepted", "assigned"],
    to: "merged",
    roles: ["dispatcher"],
    ownDepartmentOnly: false,
    event: "case.merged",
  },
};

export const SUBMIT_EVENT = "case.submitted";
