import type { CaseState } from "../../../../shared/domain/case-model";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { assessReply, type ReplyAssessment } from "../../../../shared/scoring/replies";

/**
 * The reply check (shared/scoring/replies) of a case's current draft: what the handler and the
 * spokesperson see beside it, and what publishing it records in the event (decide() runs the same
 * function on the same draft, so the page and the record cannot disagree).
 */
export function draftCheck(state: Pick<CaseState, "title" | "body" | "draft">): ReplyAssessment | null {
  return state.draft ? assessReply(state, state.draft.text) : null;
}

/**
 * Publishing a flagged draft takes the spokesperson's explicit confirmation (the form's checkbox).
 * Only the draft being published counts: a different draftedAt is refused by decide() as changed.
 */
export function needsConfirmation(
  state: Pick<CaseState, "title" | "body" | "draft">,
  command: CaseCommand,
  confirmed: boolean,
): boolean {
  if (command.name !== "publishReply" || confirmed || state.draft?.draftedAt !== command.draftedAt) return false;
  return (draftCheck(state)?.flags.length ?? 0) > 0;
}
