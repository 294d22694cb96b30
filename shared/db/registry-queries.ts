import { asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { CaseRegisteredMessage } from "../messages";
import { getDb } from "./case-queries";
import { chunk } from "./chunk";
import { caseRegistry } from "./ops-schema";
import { cases } from "./schema";

export async function registerCase(db: D1Database, m: CaseRegisteredMessage): Promise<void> {
  await getDb(db)
    .insert(caseRegistry)
    .values({ caseId: m.caseId, trackingNo: m.trackingNo, submittedAt: m.submittedAt })
    .onConflictDoNothing();
}

/** Registered cases older than `before`, each with whether its projection has reached D1. */
export function registeredBefore(db: D1Database, before: string, limit: number) {
  return getDb(db)
    .select({
      caseId: caseRegistry.caseId,
      trackingNo: caseRegistry.trackingNo,
      submittedAt: caseRegistry.submittedAt,
      redrives: caseRegistry.redrives,
      projected: sql<number>`${cases.caseId} IS NOT NULL`,
    })
    .from(caseRegistry)
    .leftJoin(cases, eq(cases.caseId, caseRegistry.caseId))
    .where(lte(caseRegistry.submittedAt, before))
    .orderBy(asc(caseRegistry.submittedAt))
    .limit(limit);
}

/** Forgets cases whose projection arrived: the registry holds only what may still need help. */
export async function forgetRegistered(db: D1Database, caseIds: string[]): Promise<void> {
  const d = getDb(db);
  const [first, ...rest] = chunk(caseIds, 90).map((ids) =>
    d.delete(caseRegistry).where(inArray(caseRegistry.caseId, ids)),
  );
  if (first) await d.batch([first, ...rest]);
}

export async function countRedrive(db: D1Database, caseId: string, now: string): Promise<void> {
  await getDb(db)
    .update(caseRegistry)
    .set({ redrives: sql`${caseRegistry.redrives} + 1`, lastRedriveAt: now })
    .where(eq(caseRegistry.caseId, caseId));
}

/** The oldest registered case not yet projected, or null: what /healthz reports. */
export async function oldestUnprojected(db: D1Database): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ submittedAt: caseRegistry.submittedAt })
    .from(caseRegistry)
    .leftJoin(cases, eq(cases.caseId, caseRegistry.caseId))
    .where(isNull(cases.caseId))
    .orderBy(asc(caseRegistry.submittedAt))
    .limit(1);
  return row?.submittedAt ?? null;
}
