import { periodOf } from "../clocks/period";
import type { CaseState } from "../domain/case-model";
import type { CaseEvent, StoredEvent } from "../domain/events";
import { evolve, initialState } from "../domain/evolve";
import type { Counters } from "./counters";
import { replyQuality } from "./replies/quality";

/** The cell of the rollup table an event counts in. Empty strings stand for "none" (a primary key cannot hold NULL well). */
export interface RollupKey {
  /** Beijing month of the event, YYYY-MM. */
  period: string;
  departmentId: string;
  regionCode: string;
  category: string;
}

export interface RollupIncrement extends RollupKey {
  counters: Partial<Counters>;
}

type EventFacts = CaseEvent & { at: string };

/** Without a recorded deadline (none applied, or an event from before they were recorded) it counts as on time. */
const onTime = (at: string, dueAt: string | null) => dueAt === null || Date.parse(at) <= Date.parse(dueAt);

/** What one event adds to its department's counters; `state` is the case right after the event. */
function countersFor(event: EventFacts, state: CaseState): Partial<Counters> | null {
  switch (event.type) {
    case "case.accepted":
      return { received: 1 };
    case "case.assigned":
      return { assigned: 1 };
    case "case.acknowledged":
      return onTime(event.at, event.payload.dueAt) ? { acknowledgedOnTime: 1 } : { acknowledgedLate: 1 };
    case "case.returned":
      return { returned: 1 };
    case "case.extension_decided":
      return event.payload.approved ? { extended: 1 } : null;
    case "case.reply_published": {
      // A late reply adds nothing more: its missed deadline was counted by the 催办 at the deadline.
      const timing = onTime(event.at, event.payload.dueAt) ? { replied: 1, repliedOnTime: 1 } : { replied: 1 };
      // The verdict the event carries (decided at publishing); an event from before the check has
      // none, and is scored here from the case as it stood, with the same function: a rebuild then
      // counts the older replies too, and every later recount gives the same numbers.
      const quality = event.payload.quality ?? replyQuality(state, event.payload.draft.text);
      return { ...timing, replyChecked: 1, ...(quality.flags.includes("boilerplate") ? { replyBoilerplate: 1 } : {}) };
    }
    case "case.escalated": {
      const { kind, stage } = event.payload;
      if (kind === "urge") return stage === "reply" ? { urged: 1, replyOverdue: 1 } : { urged: 1 };
      if (kind === "supervise") return { supervised: 1 };
      if (kind === "notice") return { noticed: 1 };
      return null; // the 50 % and 75 % reminders are the handler's, not the record's
    }
    case "case.urged":
      return event.payload.level === "supervise" ? { supervised: 1 } : { urged: 1 };
    case "case.rated":
      return {
        rated: 1,
        ...(state.resolution === "solved"
          ? { solved: 1 }
          : state.resolution === "partly_solved"
            ? { partlySolved: 1 }
            : {}),
        ...(state.rating === "satisfied"
          ? { satisfied: 1 }
          : state.rating === "basically_satisfied"
            ? { basicallySatisfied: 1 }
            : { dissatisfied: 1 }),
      };
    case "case.reopened":
      return { redone: 1 };
    case "case.closed":
      return state.rating === "unrated" ? { closed: 1, unrated: 1 } : { closed: 1 };
    case "case.submitted":
    case "case.rejected":
    case "case.held":
    case "case.return_rejected":
    case "case.extension_requested":
    case "case.reply_drafted":
    case "case.merged":
    case "case.supported":
    case "case.merge_absorbed":
      return null;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * What one event adds to the rollups, or null. Blame for a ladder step goes to the department that
 * held the case when it fell due (in the event), otherwise to the department holding the case.
 */
export function eventIncrement(event: EventFacts, state: CaseState): RollupIncrement | null {
  const counters = countersFor(event, state);
  if (!counters) return null;
  const blamed = event.type === "case.escalated" ? event.payload.departmentId : state.departmentId;
  return {
    period: periodOf(event.at),
    departmentId: blamed ?? "",
    regionCode: state.regionCode,
    category: state.category ?? "",
    counters,
  };
}

/** Every increment of one case's log, folded in seq order: the rebuild's path, equal to the live one. */
export function caseIncrements(
  events: readonly StoredEvent[],
): { eventId: string; increment: RollupIncrement | null }[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const first = sorted[0];
  if (first?.type !== "case.submitted") return [];
  let state = initialState(first);
  const out: { eventId: string; increment: RollupIncrement | null }[] = [];
  for (const event of sorted.slice(1)) {
    state = evolve(state, event);
    out.push({ eventId: event.id, increment: eventIncrement(event, state) });
  }
  return out;
}
