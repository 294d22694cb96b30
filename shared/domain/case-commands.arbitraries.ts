/**
 * Test support for the property tests over case commands (the pure one in shared/domain and the
 * durable-object one in workers/intake): a random step, the command and actor it means for a case
 * in a given state, and the invariants every reached state must hold. Not imported by any Worker.
 */
import fc from "fast-check";
import {
  type Actor,
  CASE_STATUSES,
  type CaseState,
  OPEN_STATUSES,
  OUTCOMES,
  RATINGS,
  RESOLUTIONS,
  ROLES,
} from "./case-model";
import type { CaseCommand, CaseCommandName } from "./commands";
import { CITIZEN_REDOS } from "./decide";
import type { StoredEvent } from "./events";
import { MAX_RETURNS } from "./evolve";
import { PERMISSIONS } from "./permissions";
import { TRANSITIONS } from "./transitions";

/** Departments a step may name: the case's holder is always one of them once it is assigned. */
export const DEPARTMENTS = ["dept-a", "dept-b", "dept-c"] as const;
const NAMES = Object.keys(TRANSITIONS) as CaseCommandName[];

/**
 * One random step. Most steps pick a command the current status allows and a role the table
 * lets run it (so sequences go deep); the rest are anything from anyone, which must be refused
 * cleanly. `a`, `b` and `flag` choose each command's own fields.
 */
export interface Step {
  plausible: boolean;
  name: number;
  permittedRole: boolean;
  role: number;
  /** 0: the holding department, 1: another department, 2: none. */
  dept: number;
  a: number;
  b: number;
  flag: boolean;
}

/** Four times in five the first, else the second. */
const mostly = <T>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: other });

export const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  plausible: mostly(fc.constant(true), fc.constant(false)),
  name: fc.nat(31),
  permittedRole: mostly(fc.constant(true), fc.constant(false)),
  role: fc.nat(17),
  dept: mostly(fc.constant(0), fc.nat(2)),
  a: fc.nat(11),
  b: fc.nat(7),
  flag: fc.boolean(),
});

const pick = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

const TERMINAL: readonly CaseCommandName[] = ["reject", "merge"];
const FORWARD: readonly CaseCommandName[] = [
  "accept",
  "assign",
  "acknowledge",
  "draftReply",
  "publishReply",
  "rate",
  "close",
];

/**
 * The actor and command a step means for a case in `state`. `deep` steers plausible steps down
 * the main path (half of them pick only accept → assign → acknowledge → draft → publish → rate →
 * close, and a command that ends the case is picked one time in eight), so the durable-object
 * test's short sequences still reach replies, ratings and closing.
 */
export function commandFor(
  step: Step,
  state: CaseState,
  { deep = false }: { deep?: boolean } = {},
): { actor: Actor; command: CaseCommand } {
  const allowedNow = NAMES.filter(
    (n) => TRANSITIONS[n].from.includes(state.status) && !(deep && step.b > 0 && TERMINAL.includes(n)),
  );
  const forward = allowedNow.filter((n) => FORWARD.includes(n));
  const candidates = deep && step.b % 2 === 0 && forward.length > 0 ? forward : allowedNow;
  const name = pick(step.plausible && candidates.length > 0 ? candidates : NAMES, step.name);
  const permitted = ROLES.filter((r) => PERMISSIONS[name][r] !== undefined);
  const role = pick(step.permittedRole && permitted.length > 0 ? permitted : ROLES, step.role);
  const holder = state.departmentId ?? "dept-a";
  const departmentId =
    step.dept === 0
      ? holder
      : step.dept === 1
        ? pick(
            DEPARTMENTS.filter((d) => d !== holder),
            step.a,
          )
        : undefined;
  const actor: Actor = { role, userId: `u-${role}`, ...(departmentId ? { departmentId } : {}) };
  return { actor, command: build(name, step, state) };
}

function build(name: CaseCommandName, { a, b, flag }: Step, state: CaseState): CaseCommand {
  switch (name) {
    case "accept":
      return flag ? { name, category: "urban_rural" } : { name };
    case "reject":
    case "hold":
      return { name, reason: "不属于受理范围" };
    case "assign": {
      const lead = pick(DEPARTMENTS, a);
      // Sometimes names the lead as a co-handler too, which must be refused.
      const co = DEPARTMENTS.filter((d, i) => (b >> i) & 1 && (flag || d !== lead));
      return { name, departmentId: lead, coDepartmentIds: co };
    }
    case "rejectReturn":
      return { name, note: "属于本单位职责，请继续办理" };
    case "acknowledge":
    case "close":
      return { name };
    case "returnCase":
      return { name, reason: "非本单位职责" };
    case "requestExtension":
      return { name, reason: "需要现场勘查", workingDays: 1 + a }; // 11 and 12 are over the cap
    case "decideExtension":
      return { name, approved: flag };
    case "draftReply": {
      const outcome = pick(OUTCOMES, a);
      return {
        name,
        text: `经核实，已按程序办理（第${b}稿）。`,
        outcome,
        ...(flag ? { outcomeNote: "由市供电公司负责" } : {}),
      };
    }
    case "publishReply":
      return {
        name,
        spokesperson: { name: "王建国", title: "副局长" },
        draftedAt: flag ? (state.draft?.draftedAt ?? "none") : "2026-01-01T00:00:00.000Z",
      };
    case "rate":
      return { name, resolution: pick(RESOLUTIONS, b), rating: pick(RATINGS, a) };
    case "reopen":
      return { name, reason: "问题依旧" };
    case "merge":
      return { name, intoTrackingNo: flag && b === 0 ? state.trackingNo : "ZZZZZZZZZZZZ" };
    case "urge":
      return { name, level: flag ? "urge" : "supervise", note: "请于今日内答复" };
    default: {
      const _exhaustive: never = name;
      return _exhaustive;
    }
  }
}

/** Every way a reached state can be illegal, by name; an empty list is a legal state. */
export function violations(state: CaseState, log: readonly StoredEvent[]): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  const s = state.status;
  check(CASE_STATUSES.includes(s), "unknown status");
  check(state.lastSeq === log.length, "lastSeq is not the log's length");
  check(s !== "closed" || (state.closedAt !== null && state.rating !== null), "closed without closedAt or rating");
  check(s !== "closed" || state.reply !== null, "closed without a reply");
  check(s !== "replied" || (state.reply !== null && state.repliedAt !== null), "replied without a reply");
  check(s !== "replied" || state.draft === null, "replied with a draft still pending");
  check(s !== "merged" || state.mergedInto !== null, "merged into nothing");
  check(!["rejected", "held"].includes(s) || state.statusReason !== null, "refused or held without a reason");
  const handled = ["assigned", "acknowledged", "returned", "replied", "closed"].includes(s);
  check(!handled || (state.departmentId !== null && state.assignedAt !== null), "handled but never assigned");
  check(!OPEN_STATUSES.includes(s) || state.acceptedAt !== null, "open but never accepted");
  check(s !== "acknowledged" || state.acknowledgedAt !== null, "acknowledged without acknowledgedAt");
  check(state.departmentId === null || !state.coDepartmentIds.includes(state.departmentId), "lead is also co-handler");
  check(state.pendingExtension === null || ["assigned", "acknowledged"].includes(s), "extension pending off-desk");
  check(state.draft === null || ["acknowledged", "returned"].includes(s), "a draft outside handling");
  check(state.extensionCount <= 1, "more extensions than allowed");
  check(!state.finalDispatch || state.returnCount >= MAX_RETURNS, "final dispatch before two returns");
  check(!state.finalDispatch || s !== "returned", "a final dispatch was returned");
  check(state.rating === null || state.reply !== null, "rated without a reply");
  check(state.reply === null || state.outcome === state.reply.outcome, "outcome is not the reply's");
  const reopened = log.filter((e) => e.type === "case.reopened");
  check(reopened.filter((e) => e.actor.role === "citizen").length <= CITIZEN_REDOS, "more citizen redos than allowed");
  check(state.reopenCount === reopened.length, "reopenCount drifted from the log");
  return out;
}
