import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
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
    petitionerNotify: petitioner.notifyBy ?? null,
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
    // Snapshots from before 附议 have no count.
    supporters: state.supporters ?? 0,
    mergedCount: state.mergedCount ?? 0,
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

/**
 * What one drain writes for a case: its new events and its row. `changed` names the row's columns
 * that differ from the row the object projected before (at `prevSeq`); null writes the whole row.
 */
export interface Projection {
  event: CaseEventRow;
  row: CaseRow;
  changed?: (keyof CaseRow)[] | null;
  prevSeq?: number | null;
}

/** The columns of `next` that differ from `previous`, or null when there is no previous row to build on. */
export function rowChanges(previous: CaseRow | null, next: CaseRow): (keyof CaseRow)[] | null {
  if (!previous || previous.caseId !== next.caseId) return null;
  return (Object.keys(next) as (keyof CaseRow)[]).filter(
    (k) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(next[k] ?? null),
  );
}

// The statements are written once from the drizzle tables (column names, and each column's own
// encoding of booleans and JSON), not rebuilt by the query builder for every event.
const caseColumns = Object.entries(getTableColumns(cases)) as [keyof CaseRow, SQLiteColumn][];
const eventColumns = Object.entries(getTableColumns(caseEvents)) as [keyof CaseEventRow, SQLiteColumn][];
const columnOf = new Map(caseColumns);
const encode = (column: SQLiteColumn | undefined, value: unknown) =>
  value === undefined || value === null || !column ? null : column.mapToDriverValue(value);

/** One row inserted unless its key exists, as a D1 statement built from the drizzle table. */
export function insertIgnoring<T extends SQLiteTable>(
  db: D1Database,
  table: T,
  row: T["$inferInsert"],
): D1PreparedStatement {
  const columns = Object.values(getTableColumns(table)) as SQLiteColumn[];
  const values = Object.entries(getTableColumns(table)).map(([key, column]) =>
    encode(column as SQLiteColumn, (row as Record<string, unknown>)[key]),
  );
  return db
    .prepare(
      `INSERT INTO ${getTableName(table)} (${columns.map((c) => c.name).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`,
    )
    .bind(...values);
}

const INSERT_EVENT = `INSERT INTO case_events (${eventColumns.map(([, c]) => c.name).join(", ")}) VALUES (${eventColumns.map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`;
// Order-proof: the row only moves forward (`last_seq` must grow).
const UPSERT_CASE = `INSERT INTO cases (${caseColumns.map(([, c]) => c.name).join(", ")}) VALUES (${caseColumns.map(() => "?").join(", ")}) ON CONFLICT (case_id) DO UPDATE SET ${caseColumns
  .filter(([key]) => key !== "caseId")
  .map(([, c]) => `${c.name} = excluded.${c.name}`)
  .join(", ")} WHERE excluded.last_seq > cases.last_seq`;

/**
 * The statements that bring D1 up to date with a case's projections, oldest first, for one batch:
 * every event (keyed by id: a repeat inserts nothing), then the newest row. When the row in D1 is
 * the one the object projected before (`last_seq` = the first projection's `prevSeq`), only the
 * columns that changed since are written, so indexes on untouched columns are not rewritten; the
 * guarded upsert that follows then finds nothing newer to write. Otherwise (a first projection, a
 * row D1 lost or never got, an older entry's retry) the upsert writes the whole row.
 */
export function projectionStatements(db: D1Database, projections: readonly Projection[]): D1PreparedStatement[] {
  const first = projections[0];
  const last = projections.at(-1);
  if (!first || !last) return [];
  const statements = projections.map((p) =>
    db.prepare(INSERT_EVENT).bind(...eventColumns.map(([key, column]) => encode(column, p.event[key]))),
  );
  const changed = new Set<keyof CaseRow>();
  const incremental = projections.every((p) => p.changed && p.prevSeq !== null && p.prevSeq !== undefined);
  for (const p of projections) for (const key of p.changed ?? []) changed.add(key);
  changed.delete("caseId");
  if (incremental && typeof first.prevSeq === "number" && changed.size > 0) {
    const keys = [...changed];
    statements.push(
      db
        .prepare(
          `UPDATE cases SET ${keys.map((k) => `${columnOf.get(k)?.name} = ?`).join(", ")} WHERE case_id = ? AND last_seq = ?`,
        )
        .bind(...keys.map((k) => encode(columnOf.get(k), last.row[k])), last.row.caseId, first.prevSeq),
    );
  }
  statements.push(db.prepare(UPSERT_CASE).bind(...caseColumns.map(([key, column]) => encode(column, last.row[key]))));
  return statements;
}
