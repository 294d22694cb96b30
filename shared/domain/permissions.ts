import type { Actor, Role } from "./case-model";
import type { CaseCommandName } from "./commands";

/**
 * Who may do what, in one table (DESIGN.md §1). Every route asks `can()`, and the durable object
 * asks again before it appends. Scopes:
 * - `any`: every case (the platform office, the platform itself);
 * - `own`: only cases the actor's department leads;
 * - `involved`: cases the department leads or co-handles (viewing only).
 */
export type Scope = "any" | "own" | "involved";

export type StaffAction =
  | CaseCommandName
  | "case.view" // the staff case page: full text and timeline
  | "case.contact" // the petitioner's name, phone and e-mail (DESIGN.md §2: the holding department)
  | "desk.dispatch" // the dispatcher's screening queue
  | "desk.inbox" // a department's inbox
  | "desk.review" // the spokesperson's drafts to publish
  | "desk.leader" // the leader-mailbox summary
  | "desk.notifications" // the local notification log
  | "desk.overdue" // the supervisor's overdue board and notices (催办单 / 督办单)
  | "admin.manage" // departments, users, routing table, word list, API keys, webhooks
  | "eval.panel" // 评议: score departments for a month
  | "eval.accountability" // the accountability list (repeated 督办 / 通报, redo rates, late 签收)
  | "eval.opinion" // public-opinion analysis (also a leader's office: see leaderOffice in the desk session)
  | "eval.topic" // 每月一题: choose the month's issue, link cases to it, close it with its outcome
  | "interview.schedule" // 在线访谈: plan a session (title, guests, times)
  | "interview.moderate" // approve, merge or decline questions; pause, resume or end a session
  | "interview.answer"; // answer as a guest: the guest's own department's account, or the office's typist

const OFFICE: Partial<Record<Role, Scope>> = { dispatcher: "any", admin: "any" };

export const PERMISSIONS: Record<StaffAction, Partial<Record<Role, Scope>>> = {
  accept: { ...OFFICE, system: "any" },
  reject: { ...OFFICE, system: "any" },
  hold: { ...OFFICE, system: "any" },
  assign: { ...OFFICE, system: "any" },
  rejectReturn: { ...OFFICE },
  decideExtension: { ...OFFICE },
  merge: { ...OFFICE, system: "any" },
  close: { ...OFFICE, system: "any" },
  reopen: { ...OFFICE, citizen: "any" },
  acknowledge: { handler: "own" },
  returnCase: { handler: "own" },
  requestExtension: { handler: "own" },
  draftReply: { handler: "own" },
  publishReply: { spokesperson: "own" },
  rate: { citizen: "any" },
  urge: { supervisor: "any", admin: "any" },
  "case.view": { ...OFFICE, supervisor: "any", handler: "involved", spokesperson: "involved" },
  "case.contact": { ...OFFICE, handler: "own" },
  "desk.dispatch": { ...OFFICE },
  "desk.inbox": { handler: "own", spokesperson: "own", ...OFFICE },
  "desk.review": { spokesperson: "own", ...OFFICE },
  "desk.leader": { ...OFFICE, supervisor: "any", handler: "own", spokesperson: "own" }, // own: a leader's office sees its mailbox
  "desk.notifications": { ...OFFICE },
  "desk.overdue": { ...OFFICE, supervisor: "any" },
  "admin.manage": { admin: "any" },
  "eval.panel": { evaluator: "any", admin: "any" },
  "eval.accountability": { ...OFFICE, supervisor: "any" },
  "eval.opinion": { ...OFFICE, supervisor: "any" },
  "eval.topic": { ...OFFICE, supervisor: "any" },
  "interview.schedule": { ...OFFICE },
  "interview.moderate": { ...OFFICE },
  "interview.answer": { ...OFFICE, spokesperson: "own" },
};

export interface CaseHolder {
  departmentId: string | null;
  coDepartmentIds: readonly string[];
}

/** Whether `actor` may perform `action` on a case held as `holder` (omit it for desk pages). */
export function can(actor: Actor, action: StaffAction, holder?: CaseHolder): boolean {
  const scope = PERMISSIONS[action][actor.role];
  if (!scope) return false;
  if (scope === "any" || !holder) return true;
  if (!actor.departmentId) return false;
  if (holder.departmentId === actor.departmentId) return true;
  return scope === "involved" && holder.coDepartmentIds.includes(actor.departmentId);
}
