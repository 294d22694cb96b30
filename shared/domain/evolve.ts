import type { CaseState, CaseStatus } from "./case-model";
import type { CaseEventType, EventEnvelope, EventOf, StoredEvent } from "./events";
import { TRANSITIONS } from "./transitions";

/** The state right after `case.submitted`; its hash is the citizen's receipt hash. */
export function initialState(event: EventEnvelope & EventOf<"case.submitted">): CaseState {
  const at = event.at;
  return {
    caseId: event.caseId,
    receiptHash: event.hash,
    ...event.payload,
    status: "submitted",
    departmentId: null,
    coDepartmentIds: [],
    submittedAt: at,
    acceptedAt: null,
    assignedAt: null,
    acknowledgedAt: null,
    repliedAt: null,
    closedAt: null,
    statusReason: null,
    returnCount: 0,
    finalDispatch: false,
    extensionCount: 0,
    pendingExtension: null,
    draft: null,
    reply: null,
    rating: null,
    resolution: null,
    reopenCount: 0,
    supporters: 0,
    mergedCount: 0,
    outcome: null,
    mergedInto: null,
    lastSeq: 1,
  };
}

/** After this many returns the next assignment is final (终审). */
export const MAX_RETURNS = 2;

const statusByEvent = new Map<CaseEventType, CaseStatus | null>(Object.values(TRANSITIONS).map((t) => [t.event, t.to]));

/** Folds one event into the state. Total over every event type the decider can produce. */
export function evolve(state: CaseState, event: StoredEvent): CaseState {
  const next: CaseState = { ...state, lastSeq: event.seq, status: statusByEvent.get(event.type) ?? state.status };
  switch (event.type) {
    case "case.accepted":
      return { ...next, acceptedAt: event.at, category: event.payload.category ?? state.category, statusReason: null };
    case "case.rejected":
    case "case.held":
      return { ...next, statusReason: event.payload.reason };
    case "case.assigned": {
      const p = event.payload;
      return {
        ...next,
        departmentId: p.departmentId,
        category: p.category ?? state.category,
        coDepartmentIds: p.coDepartmentIds,
        assignedAt: event.at,
        acknowledgedAt: null,
        draft: null,
        statusReason: null,
        // Acceptance is implied for returned and reopened cases; keep the first one.
        acceptedAt: state.acceptedAt ?? event.at,
        finalDispatch: state.returnCount >= MAX_RETURNS,
      };
    }
    case "case.return_rejected":
      // Back to the same department, where it was: a case it had signed for needs no second 签收.
      // After the second return the dispatcher's answer is final (终审), as a reassignment would be:
      // otherwise a department could return and be refused without end.
      return {
        ...next,
        status: state.acknowledgedAt ? "acknowledged" : "assigned",
        statusReason: event.payload.note,
        finalDispatch: state.finalDispatch || state.returnCount >= MAX_RETURNS,
      };
    case "case.acknowledged":
      return { ...next, acknowledgedAt: event.at };
    case "case.returned":
      return {
        ...next,
        statusReason: event.payload.reason,
        returnCount: state.returnCount + 1,
        pendingExtension: null,
      };
    case "case.extension_requested": {
      const { reason, workingDays, departmentId } = event.payload;
      return { ...next, pendingExtension: { reason, workingDays, requestedAt: event.at, departmentId } };
    }
    case "case.extension_decided":
      return {
        ...next,
        pendingExtension: null,
        extensionCount: state.extensionCount + (event.payload.approved ? 1 : 0),
      };
    case "case.reply_drafted": {
      const { text, outcome, outcomeNote } = event.payload;
      return { ...next, draft: { text, outcome, outcomeNote, draftedAt: event.at } };
    }
    case "case.reply_published": {
      const draft = state.draft ?? { text: "", outcome: "explained" as const, draftedAt: event.at };
      return {
        ...next,
        reply: { ...draft, publishedAt: event.at, spokesperson: event.payload.spokesperson },
        draft: null,
        repliedAt: event.at,
        outcome: draft.outcome,
        rating: null,
        resolution: null,
        pendingExtension: null,
      };
    }
    case "case.rated":
      return { ...next, rating: event.payload.rating, resolution: event.payload.resolution };
    case "case.reopened":
      // A new round: the earlier reply stays on record, but this round has not been answered.
      return {
        ...next,
        statusReason: event.payload.reason,
        closedAt: null,
        repliedAt: null,
        pendingExtension: null,
        reopenCount: (state.reopenCount ?? 0) + 1,
      };
    case "case.closed":
      return { ...next, closedAt: event.at, rating: state.rating ?? "unrated", pendingExtension: null };
    case "case.merged":
      return { ...next, mergedInto: event.payload.intoTrackingNo, pendingExtension: null };
    case "case.supported":
      return { ...next, supporters: event.payload.supporters };
    case "case.merge_absorbed":
      return { ...next, supporters: event.payload.supporters, mergedCount: (state.mergedCount ?? 0) + 1 };
    // The state holds no trace of these; the clocks and the ladder read them from the log.
    case "case.submitted":
    case "case.urged":
    case "case.escalated":
      return next;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
