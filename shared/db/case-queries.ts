import { asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { readStoredEvent } from "../domain/event-upcast";
import type { StoredEvent } from "../domain/events";
import { type Lang, portalLang } from "../ui/i18n";
import { addressees, caseEvents, cases, categories, departments, regions } from "./schema";

export type CaseRecordRow = typeof cases.$inferSelect;
export type CaseEventRecord = typeof caseEvents.$inferSelect;

export function getDb(db: D1Database) {
  return drizzle(db);
}

export async function findCaseByTrackingNo(db: D1Database, trackingNo: string): Promise<CaseRecordRow | null> {
  const [row] = await getDb(db).select().from(cases).where(eq(cases.trackingNo, trackingNo)).limit(1);
  return row ?? null;
}

export async function listCaseEvents(db: D1Database, caseId: string): Promise<StoredEvent[]> {
  const rows = await getDb(db)
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
  return rows.map(storedEventOf);
}

/** A `case_events` row read back through the one parse every stored event takes (upcast, then the union). */
export function storedEventOf(row: CaseEventRecord): StoredEvent {
  const actor = {
    role: row.actorRole,
    ...(row.actorUserId === null ? {} : { userId: row.actorUserId }),
    ...(row.actorDepartmentId === null ? {} : { departmentId: row.actorDepartmentId }),
  };
  const { eventId: id, caseId, seq, type, at, payload, prevHash, hash } = row;
  return readStoredEvent({ seq, id, caseId, type, actor, at, payload, prevHash, hash });
}

export async function findCaseEvent(db: D1Database, eventId: string): Promise<StoredEvent | null> {
  const [row] = await getDb(db).select().from(caseEvents).where(eq(caseEvents.eventId, eventId)).limit(1);
  return row ? storedEventOf(row) : null;
}

/**
 * A configuration row's name in `lang`: the English name where one is set. Lookups that hand back
 * bare names (id → name) take the language, by default the page's; rows carry both instead.
 */
export function nameIn(lang: Lang, table: { name: SQLiteColumn; nameEn: SQLiteColumn }): SQL<string> {
  return lang === "en" ? sql<string>`coalesce(${table.nameEn}, ${table.name})` : sql<string>`${table.name}`;
}

export async function departmentNames(db: D1Database, lang: Lang = portalLang()): Promise<Map<string, string>> {
  const rows = await getDb(db)
    .select({ id: departments.id, name: nameIn(lang, departments) })
    .from(departments);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface MetaOptions {
  categories: { code: string; name: string }[];
  regions: { code: string; name: string }[];
  addressees: { code: string; name: string }[];
}

/**
 * The options in `lang` (by default the page's): the meta API answers in English only to `lang=en`.
 * `offered`: only what a new message may choose (deactivated entries are left out); otherwise every
 * entry, so old cases keep their names.
 */
export async function loadMeta(db: D1Database, lang: Lang = portalLang(), offered = false): Promise<MetaOptions> {
  const d = getDb(db);
  const active = (column: SQLiteColumn) => (offered ? isNull(column) : undefined);
  const [c, r, a] = await d.batch([
    d
      .select({ code: categories.code, name: nameIn(lang, categories) })
      .from(categories)
      .where(active(categories.deactivatedAt))
      .orderBy(asc(categories.code)),
    d
      .select({ code: regions.code, name: nameIn(lang, regions) })
      .from(regions)
      .where(active(regions.deactivatedAt))
      .orderBy(asc(regions.code)),
    d
      .select({ code: addressees.code, name: nameIn(lang, addressees) })
      .from(addressees)
      .where(active(addressees.deactivatedAt))
      .orderBy(asc(addressees.code)),
  ]);
  return { categories: c, regions: r, addressees: a };
}
