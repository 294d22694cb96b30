import type { ProjectedClocks } from "../clocks/case-clocks";
import type { CaseState } from "../domain/case-model";
import type { StoredEvent } from "../domain/events";
import type { NotifyMessage } from "../messages";

/**
 * Whether anyone may need to hear about an event, decided in the case's object from the event alone
 * (who exactly, and on which channel, is the consumer's look-up: the object holds no staff list).
 * Returns the message for the notifications queue, or null. Seeded demo cases and imported history tell nobody.
 */
export function notifyMessageFor(
  event: StoredEvent,
  state: CaseState,
  clocks: ProjectedClocks | null,
  /** The receipt's query code (submission only). */
  secretVars?: Record<string, string>,
): NotifyMessage | null {
  if (state.channel === "seed" || state.origin) return null;
  const base: NotifyMessage = {
    v: 1,
    kind: "notify.case",
    eventId: event.id,
    caseId: state.caseId,
    trackingNo: state.trackingNo,
    type: event.type,
    at: event.at,
    departmentId: state.departmentId,
    dueAt: clocks?.dueAt ?? null,
  };
  switch (event.type) {
    case "case.submitted":
      return secretVars ? { ...base, secretVars } : base;
    case "case.assigned":
    case "case.rejected":
    case "case.reply_published":
    case "case.reopened":
      return base;
    case "case.merged":
      return { ...base, intoTrackingNo: event.payload.intoTrackingNo };
    case "case.escalated": {
      const p = event.payload;
      return { ...base, step: { kind: p.kind, stage: p.stage, dueAt: p.dueAt, departmentId: p.departmentId } };
    }
    case "case.urged":
      // By hand: the step of the same name, on whatever stage is running.
      return {
        ...base,
        step: { kind: event.payload.level, stage: "current", dueAt: base.dueAt, departmentId: state.departmentId },
      };
    case "case.accepted":
    case "case.held":
    case "case.return_rejected":
    case "case.acknowledged":
    case "case.returned":
    case "case.extension_requested":
    case "case.extension_decided":
    case "case.reply_drafted":
    case "case.rated":
    case "case.closed":
    case "case.supported":
    case "case.merge_absorbed":
      return null;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
