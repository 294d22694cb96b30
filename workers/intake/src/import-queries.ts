import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { routingRules } from "../../../shared/db/desk-schema";
import { loadRankingConfig } from "../../../shared/db/evaluation-queries";
import { opinionCursor } from "../../../shared/db/evaluation-schema";
import { addressees, categories, departments, regions, users } from "../../../shared/db/schema";
import type { Spokesperson } from "../../../shared/domain/case-model";
import type { ImportMeta } from "../../../shared/import/import-item.schema";
import type { ImportReferences } from "../../../shared/import/import-references";

/**
 * The city's configuration an import is checked against, in one round trip. Deactivated regions,
 * categories and departments count: a history names what the city used then.
 */
async function loadReferenceRows(db: D1Database) {
  const d = getDb(db);
  return d.batch([
    d.select({ code: regions.code, name: regions.name }).from(regions),
    d.select({ code: categories.code, name: categories.name }).from(categories),
    d
      .select({ code: addressees.code, name: addressees.name, departmentId: addressees.departmentId })
      .from(addressees)
      .where(isNull(addressees.deactivatedAt)),
    d.select({ id: departments.id, name: departments.name, regionCode: departments.regionCode }).from(departments),
    // Each department's spokesperson: the first active account with a public title, by id.
    d
      .select({ departmentId: users.departmentId, name: users.displayName, title: users.publicTitle })
      .from(users)
      .where(and(eq(users.role, "spokesperson"), isNull(users.disabledAt), isNotNull(users.publicTitle)))
      .orderBy(users.id),
    d.select().from(routingRules),
  ]);
}

export async function importReferences(db: D1Database): Promise<ImportReferences> {
  const [regionRows, categoryRows, mailboxRows, departmentRows, speakers, rules] = await loadReferenceRows(db);
  const spokespeople = new Map<string, Spokesperson>();
  for (const s of speakers)
    if (s.title && !spokespeople.has(s.departmentId))
      spokespeople.set(s.departmentId, { name: s.name, title: s.title });
  return {
    regions: new Set(regionRows.map((r) => r.code)),
    categories: new Set(categoryRows.map((c) => c.code)),
    mailboxes: new Map(mailboxRows.map((m) => [m.code, m.departmentId])),
    departments: new Map(departmentRows.map((dep) => [dep.id, spokespeople.get(dep.id) ?? null])),
    rules,
  };
}

/** What a dry run of `npm run import` checks a file against. */
export async function importMeta(db: D1Database): Promise<ImportMeta> {
  const [[regionRows, categoryRows, mailboxRows, departmentRows, speakers, rules], ranking] = await Promise.all([
    loadReferenceRows(db),
    loadRankingConfig(db),
  ]);
  const speaking = new Set(speakers.filter((s) => s.title).map((s) => s.departmentId));
  return {
    regions: regionRows,
    categories: categoryRows,
    addressees: mailboxRows,
    departments: departmentRows.map((dep) => ({ ...dep, spokesperson: speaking.has(dep.id) })),
    rules: rules.map(({ category, regionCode, departmentId }) => ({ category, regionCode, departmentId })),
    minSample: ranking.minSample,
  };
}

/**
 * Moves the opinion analysis' cursor back to just before `from`, so the history imported behind it
 * is analysed (the analysis walks forward by submission time and would never look back). `from` is
 * an ISO instant in UTC, as the cases' `submitted_at` is stored.
 */
export async function rewindOpinionCursor(db: D1Database, from: string): Promise<void> {
  await getDb(db)
    .update(opinionCursor)
    .set({ submittedAt: from, caseId: "" })
    .where(and(eq(opinionCursor.id, 1), gt(opinionCursor.submittedAt, from)));
}
