import { getTableColumns, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { ProjectedClocks } from "../../../../shared/clocks/case-clocks";
import { caseEvents, cases } from "../../../../shared/db/schema";
import type { CaseState } from "../../../../shared/domain/case-model";
import type { StoredEvent } from "../../../../shared/domain/events";
import type { Petitioner } from "../../../../shared/domain/submission.schema";

export type CaseRow = typeof cases.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferInsert;

export function toCaseRow(
  state: CaseState,
  petitioner: Petitioner,
  updatedAt: string,
  clocks: ProjectedClocks | null,
): CaseRow {
  return {
    caseId: state.caseId,
    trackingNo: state.trackingNo,
    type: state.type,
    status: state.status,
    title: state.title,
    body: state.body,
    category: state.category,
    regionCode: state.regionCode,
    address: state.address,
    addressee: state.addressee,
    channel: state.channel,
    isPublic: state.isPublic,
    departmentId: state.departmentId,
    coDepartmentIds: state.coDepartmentIds,
    petitionerName: petitioner.name,
    petitionerPhone: petitioner.phone,
    petitionerEmail: petitioner.email,
    queryCodeHash: state.queryCodeHash,
    receiptHash: state.receiptHash,
    statusReason: state.statusReason,
    submittedAt: state.submittedAt,
    acceptedAt: state.acceptedAt,
    assignedAt: state.assignedAt,
    acknowledgedAt: state.acknowledgedAt,
    repliedAt: state.repliedAt,
    closedAt: state.closedAt,
    replyText: state.reply?.text ?? null,
    replyOutcome: state.reply?.outcome ?? null,
    replyOutcomeNote: state.reply?.outcomeNote ?? null,
    replySpokespersonName: state.reply?.spokesperson.name ?? null,
    replySpokespersonTitle: state.reply?.spokesperson.title ?? null,
    rating: state.rating,
    mergedInto: state.mergedInto,
    pendingExtensionDays: state.pendingExtension?.workingDays ?? null,
    pendingExtensionReason: state.pendingExtension?.reason ?? null,
    draftText: state.draft?.text ?? null,
    draftOutcome: state.draft?.outcome ?? null,
    draftOutcomeNote: state.draft?.outcomeNote ?? null,
    returnCount: state.returnCount,
    finalDispatch: state.finalDispatch,
    lastSeq: state.lastSeq,
    dueAt: clocks?.dueAt ?? null,
    nextDueAt: clocks?.nextDueAt ?? null,
    updatedAt,
  };
}

export function toEventRow(e: StoredEvent): CaseEventRow {
  return {
    eventId: e.id,
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    actorRole: e.actor.role,
    actorUserId: e.actor.userId ?? null,
    actorDepartmentId: e.actor.departmentId ?? null,
    at: e.at,
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

const { caseId: _key, ...updatable } = getTableColumns(cases);
const fromExcluded = Object.fromEntries(
  Object.values(updatable).map((col) => [col.name, sql.raw(`excluded.${col.name}`)]),
);
const updateSet = Object.fromEntries(Object.entries(updatable).map(([prop, col]) => [prop, fromExcluded[col.name]]));

/**
 * Writes one event and the case row it produced, in one D1 batch. Idempotent and order-proof:
 * the event is keyed by its id, and the row only moves forward (`last_seq` must grow).
 */
export async function projectToD1(db: D1Database, event: CaseEventRow, row: CaseRow): Promise<void> {
  const d = drizzle(db);
  await d.batch([
    d.insert(caseEvents).values(event).onConflictDoNothing(),
    d
      .insert(cases)
      .values(row)
      .onConflictDoUpdate({
        target: cases.caseId,
        set: updateSet,
        setWhere: sql`excluded.last_seq > ${cases.lastSeq}`,
      }),
  ]);
}
