import { toShanghaiIso } from "../../../shared/clocks/time";
import type { CaseState } from "../../../shared/domain/case-model";
import type { StoredEvent } from "../../../shared/domain/evolve";
import type { Petitioner } from "../../../shared/domain/submission.schema";
import type { CaseEventMessage } from "../../../shared/messages";
import { notificationsFor } from "../../../shared/notify/notifications";
import { eventIncrement } from "../../../shared/scoring/rollup-increments";
import type { ProjectedClocks } from "./case-clocks";
import { ESCALATED } from "./case-clocks";
import type { OutboxEntry } from "./case-outbox";
import { toCaseRow, toEventRow } from "./case-projection";

/**
 * Everything that must leave the object after one event, written to the outbox in the same
 * transaction: the read model, the event stream, the citizen's notification, the partner's webhook,
 * and an accountability record when the ladder reached 通报.
 */
export function outboxEntriesFor(
  event: StoredEvent,
  state: CaseState,
  petitioner: Petitioner,
  clocks: ProjectedClocks | null,
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
    { target: "d1", body: { event: toEventRow(event), row: toCaseRow(state, petitioner, event.at, clocks) } },
    { target: "case-events", body: published },
    ...notificationsFor(event, state, petitioner).map((body): OutboxEntry => ({ target: "notify", body })),
  ];
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
        },
      },
    });
  }
  if (event.type === ESCALATED && event.payload.accountability === true) {
    const p = event.payload;
    entries.push({
      target: "accountability",
      body: {
        id: `${state.caseId}:${String(p.key)}`,
        caseId: state.caseId,
        trackingNo: state.trackingNo,
        departmentId: typeof p.departmentId === "string" ? p.departmentId : null,
        stage: String(p.stage),
        kind: String(p.kind),
        dueAt: String(p.dueAt),
        recordedAt: event.at,
      },
    });
  }
  return entries;
}
