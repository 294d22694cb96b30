import type { ProjectedClocks } from "../../../../shared/clocks/case-clocks";
import { toShanghaiIso } from "../../../../shared/clocks/period";
import type { CaseState } from "../../../../shared/domain/case-model";
import type { StoredEvent } from "../../../../shared/domain/events";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import type { CaseEventMessage, CaseIntakeMessage } from "../../../../shared/messages";
import { notifyMessageFor } from "../../../../shared/notify/decide";
import { eventIncrement } from "../../../../shared/scoring/rollup-increments";
import type { OutboxEntry } from "./outbox";
import { type CaseEventRow, type CaseRow, type Projection, rowChanges, toCaseRow, toEventRow } from "./projection";

/**
 * Everything that must leave the object after one event, written to the outbox in the same
 * transaction: the read model, the event stream, the notifications queue, the partner's webhook,
 * and an accountability record when the ladder reached 通报.
 */
export function outboxEntriesFor(
  event: StoredEvent,
  state: CaseState,
  petitioner: Petitioner,
  clocks: ProjectedClocks | null,
  /** The row the object projected before this event (null: write the whole row). */
  previousRow: CaseRow | null = null,
  secretVars?: Record<string, string>,
): OutboxEntry[] {
  const published: CaseEventMessage = {
    v: 1,
    kind: "case.event",
    eventId: event.id,
    caseId: event.caseId,
    seq: event.seq,
    type: event.type,
    at: event.at,
    status: state.status,
    departmentId: state.departmentId,
    rollup: eventIncrement(event, state),
  };
  const entries: OutboxEntry[] = [
    { target: "d1", body: projection(toEventRow(event), toCaseRow(state, petitioner, event.at, clocks), previousRow) },
    { target: "case-events", body: published },
  ];
  const notice = notifyMessageFor(event, state, clocks, secretVars);
  if (notice) entries.push({ target: "notifications", body: notice });
  if (state.partnerId) {
    entries.push({
      target: "webhook",
      body: {
        partnerId: state.partnerId,
        eventId: event.id,
        body: {
          id: event.id,
          type: event.type,
          trackingNo: state.trackingNo,
          status: state.status,
          at: toShanghaiIso(event.at),
          seq: event.seq,
          supporters: state.supporters ?? 0,
        },
      },
    });
  }
  entries.push(...followUpsOf(event, state));
  return entries;
}

function projection(event: CaseEventRow, row: CaseRow, previousRow: CaseRow | null): Projection {
  const changed = rowChanges(previousRow, row);
  return changed ? { event, row, changed, prevSeq: previousRow?.lastSeq ?? null } : { event, row };
}

/** What only some events send on: the new case to the assignment Worker, a 通报 to the accountability record. */
function followUpsOf(event: StoredEvent, state: CaseState): OutboxEntry[] {
  switch (event.type) {
    case "case.submitted": {
      // Imported history arrives already assigned: routing has nothing to do, and thousands of such
      // messages would queue ahead of a live case that does need routing.
      if (state.origin) return [];
      // Last, after the read model's row: the assignment Worker reads the case it is told about.
      const intake: CaseIntakeMessage = {
        v: 1,
        kind: "case.submitted",
        eventId: event.id,
        caseId: state.caseId,
        trackingNo: state.trackingNo,
        submittedAt: event.at,
      };
      return [{ target: "case-intake", body: intake }];
    }
    case "case.escalated": {
      const p = event.payload;
      if (!p.accountability) return [];
      const body = {
        id: `${state.caseId}:${p.key}`,
        caseId: state.caseId,
        trackingNo: state.trackingNo,
        departmentId: p.departmentId,
        stage: p.stage,
        kind: p.kind,
        dueAt: p.dueAt,
        recordedAt: event.at,
      };
      return [{ target: "accountability", body }];
    }
    case "case.accepted":
    case "case.rejected":
    case "case.held":
    case "case.assigned":
    case "case.return_rejected":
    case "case.acknowledged":
    case "case.returned":
    case "case.extension_requested":
    case "case.extension_decided":
    case "case.reply_drafted":
    case "case.reply_published":
    case "case.rated":
    case "case.reopened":
    case "case.closed":
    case "case.merged":
    case "case.urged":
    case "case.supported":
    case "case.merge_absorbed":
      return [];
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
