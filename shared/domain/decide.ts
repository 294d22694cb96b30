import { replyQuality } from "../scoring/replies/quality";
import type { Actor, CaseState } from "./case-model";
import type { CaseCommand } from "./commands";
import { DomainError, Forbidden, InvalidTransition } from "./errors";
import type { CaseEvent } from "./events";
import { can } from "./permissions";
import { TRANSITIONS } from "./transitions";

/** Limits that come from the time-limit rules; the defaults are DESIGN.md §3's. */
export interface DecideLimits {
  extensionCapWorkingDays: number;
  maxExtensions: number;
  /** End of the return window (退回时限) for the current assignment, if the clocks know it. */
  returnWindowEndsAt?: string;
  /** End of the citizen's rating window after the published reply, if the clocks know it. */
  ratingWindowEndsAt?: string;
  /** The running 签收 and reply deadlines: recorded in the event, so evaluation can tell on time from late. */
  acknowledgeDueAt?: string;
  replyDueAt?: string;
}

/** A citizen may ask for this many redo rounds (重办); the platform office may reopen beyond it. */
export const CITIZEN_REDOS = 1;

export const DEFAULT_LIMITS: DecideLimits = { extensionCapWorkingDays: 10, maxExtensions: 1 };

/** What a command appends: one member of the event union, still without its place in the chain. */
export type PendingEvent = CaseEvent;

/** A command's own fields, which most events carry as their payload. */
const fieldsOf = <C extends { name: string }>({ name: _name, ...fields }: C): Omit<C, "name"> => fields;

/**
 * Decides whether `command` may run against `state` for `actor` and, if so, which event it
 * appends. Pure: the durable object supplies the time and persists the result.
 */
export function decide(
  state: CaseState,
  command: CaseCommand,
  actor: Actor,
  now: string,
  limits: DecideLimits = DEFAULT_LIMITS,
): PendingEvent {
  const rule = TRANSITIONS[command.name];
  if (!can(actor, command.name, state)) throw new Forbidden(command.name, actor.role);
  if (!rule.from.includes(state.status)) throw new InvalidTransition(command.name, state.status);

  switch (command.name) {
    case "accept":
      return { type: "case.accepted", payload: fieldsOf(command) };
    case "reject":
      return { type: "case.rejected", payload: fieldsOf(command) };
    case "hold":
      return { type: "case.held", payload: fieldsOf(command) };
    case "assign":
      if (command.coDepartmentIds.includes(command.departmentId)) {
        throw new DomainError(400, "invalid_command", "The lead department cannot also be a co-handler.");
      }
      return { type: "case.assigned", payload: fieldsOf(command) };
    case "rejectReturn":
      return { type: "case.return_rejected", payload: fieldsOf(command) };
    case "acknowledge":
      return { type: "case.acknowledged", payload: { dueAt: limits.acknowledgeDueAt ?? null } };
    case "returnCase":
      if (state.finalDispatch)
        throw new DomainError(
          409,
          "final_dispatch",
          "This case was dispatched finally (终审) and cannot be returned again.",
        );
      if (limits.returnWindowEndsAt && now > limits.returnWindowEndsAt) {
        throw new DomainError(409, "return_window_closed", "The window for returning this case has passed.");
      }
      return { type: "case.returned", payload: fieldsOf(command) };
    case "requestExtension":
      if (command.workingDays > limits.extensionCapWorkingDays) {
        throw new DomainError(
          400,
          "extension_over_cap",
          `An extension may be at most ${limits.extensionCapWorkingDays} working days.`,
        );
      }
      if (state.extensionCount >= limits.maxExtensions)
        throw new DomainError(409, "extension_limit", "No further extension is allowed for this case.");
      if (state.pendingExtension)
        throw new DomainError(409, "extension_pending", "An extension request is already waiting for a decision.");
      return {
        type: "case.extension_requested",
        payload: { ...fieldsOf(command), departmentId: state.departmentId, requestedAt: now },
      };
    case "decideExtension":
      if (!state.pendingExtension)
        throw new DomainError(409, "no_extension_pending", "There is no extension request to decide.");
      return {
        type: "case.extension_decided",
        payload: { ...fieldsOf(command), workingDays: state.pendingExtension.workingDays },
      };
    case "draftReply":
      if (command.outcome === "not_resolvable" || command.outcome === "not_our_duty") {
        if (!command.outcomeNote)
          throw new DomainError(400, "invalid_command", "This outcome needs a reason or the responsible body.");
      }
      return { type: "case.reply_drafted", payload: fieldsOf(command) };
    case "publishReply":
      if (!state.draft) throw new DomainError(409, "no_draft", "There is no reply draft to publish.");
      if (state.draft.draftedAt !== command.draftedAt) {
        throw new DomainError(
          409,
          "draft_changed",
          "The draft changed after you opened it; please review the new draft.",
        );
      }
      // The reply check runs here, once, on the draft being published: the event keeps its verdict,
      // so the rollups and reports count what the spokesperson saw, whatever the check becomes later.
      return {
        type: "case.reply_published",
        payload: {
          ...fieldsOf(command),
          draft: state.draft,
          dueAt: limits.replyDueAt ?? null,
          quality: replyQuality(state, state.draft.text),
        },
      };
    case "rate":
      if (state.rating) throw new DomainError(409, "already_rated", "This reply has already been rated.");
      if (limits.ratingWindowEndsAt && now > limits.ratingWindowEndsAt)
        throw new DomainError(409, "rating_window_closed", "The window for rating this reply has passed.");
      return { type: "case.rated", payload: fieldsOf(command) };
    case "reopen":
      if (actor.role === "citizen") {
        if (state.rating !== "dissatisfied")
          throw new DomainError(
            409,
            "not_dissatisfied",
            "A citizen may ask for redo only after rating the reply dissatisfied.",
          );
        if ((state.reopenCount ?? 0) >= CITIZEN_REDOS)
          throw new DomainError(
            409,
            "redo_used",
            "This case has already been redone once; the platform office can reopen it further.",
          );
        if (state.status !== "replied")
          throw new DomainError(409, "rating_window_closed", "The case was closed at the end of the rating window.");
      }
      return { type: "case.reopened", payload: fieldsOf(command) };
    case "close":
      if (!state.rating && limits.ratingWindowEndsAt && now < limits.ratingWindowEndsAt) {
        throw new DomainError(
          409,
          "rating_window_open",
          "The citizen may still rate the reply; close after the rating window.",
        );
      }
      return {
        type: "case.closed",
        payload: { outcome: state.reply?.outcome ?? null, rating: state.rating ?? "unrated" },
      };
    case "merge":
      if (command.intoTrackingNo === state.trackingNo)
        throw new DomainError(400, "invalid_command", "A case cannot be merged into itself.");
      return { type: "case.merged", payload: fieldsOf(command) };
    case "urge":
      return { type: "case.urged", payload: fieldsOf(command) };
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
