import { asc, eq } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { widgetOrigins } from "../../../../shared/db/desk-schema";

/** The partner origins that may frame the iframe widget. */

export async function listWidgetOrigins(db: D1Database) {
  return getDb(db).select().from(widgetOrigins).orderBy(asc(widgetOrigins.origin));
}

/** Adds the origin, or renames its partner when it is already listed. */
export function saveWidgetOrigin(db: D1Database, row: typeof widgetOrigins.$inferInsert) {
  return getDb(db)
    .insert(widgetOrigins)
    .values(row)
    .onConflictDoUpdate({ target: widgetOrigins.origin, set: { partnerName: row.partnerName } });
}

export function removeWidgetOrigin(db: D1Database, origin: string) {
  return getDb(db).delete(widgetOrigins).where(eq(widgetOrigins.origin, origin));
}
