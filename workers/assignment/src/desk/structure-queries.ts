import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { getDb } from "../../../../shared/db/case-queries";
import { addressees, cases, categories, departments, regions, users } from "../../../../shared/db/schema";
import { OPEN_STATUSES } from "../../../../shared/domain/case-model";
import { accountColumns } from "./admin-queries";
import type { StructureEntity } from "./structure.schema";

/**
 * Reads and writes of the city-structure pages. Writes are statements for the caller to batch with
 * their audit record. Rows are never deleted, only deactivated: old cases name them.
 */

/** Every row of the five lists, active or not, in one round trip. */
export async function structureOverview(db: D1Database) {
  const d = getDb(db);
  const [depts, regs, cats, mailboxes, spokespeople] = await d.batch([
    d.select().from(departments).orderBy(asc(departments.kind), asc(departments.id)),
    d.select().from(regions).orderBy(asc(regions.code)),
    d.select().from(categories).orderBy(asc(categories.code)),
    d.select().from(addressees).orderBy(asc(addressees.code)),
    d
      .select(accountColumns)
      .from(users)
      .where(eq(users.role, "spokesperson"))
      .orderBy(asc(users.departmentId), asc(users.username)),
  ]);
  return { departments: depts, regions: regs, categories: cats, mailboxes, spokespeople };
}
export type StructureOverview = Awaited<ReturnType<typeof structureOverview>>;

/** One row as the pages and the audit log see it (for a spokesperson: never the password hash). */
export async function findStructureRow(
  db: D1Database,
  entity: StructureEntity,
  id: string,
): Promise<Record<string, unknown> | null> {
  const d = getDb(db);
  const [row] = await (() => {
    switch (entity) {
      case "department":
        return d.select().from(departments).where(eq(departments.id, id));
      case "region":
        return d.select().from(regions).where(eq(regions.code, id));
      case "category":
        return d.select().from(categories).where(eq(categories.code, id));
      case "mailbox":
        return d.select().from(addressees).where(eq(addressees.code, id));
      case "spokesperson":
        return d
          .select(accountColumns)
          .from(users)
          .where(and(eq(users.id, id), eq(users.role, "spokesperson")));
    }
  })();
  return row ?? null;
}

/** Which departments (or regions) of `ids` exist and are active: the only ones a form may name. */
export async function activeKeys(db: D1Database, entity: "department" | "region", ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const d = getDb(db);
  const rows =
    entity === "department"
      ? await d
          .select({ key: departments.id })
          .from(departments)
          .where(and(inArray(departments.id, ids), isNull(departments.deactivatedAt)))
      : await d
          .select({ key: regions.code })
          .from(regions)
          .where(and(inArray(regions.code, ids), isNull(regions.deactivatedAt)));
  return new Set(rows.map((r) => r.key));
}

/** The platform office's id; null before a city is loaded. */
export async function platformOffice(db: D1Database): Promise<string | null> {
  const [row] = await getDb(db).select({ id: departments.id }).from(departments).where(eq(departments.kind, "office"));
  return row?.id ?? null;
}

export async function openCasesOf(db: D1Database, departmentId: string): Promise<number> {
  const [row] = await getDb(db)
    .select({ n: count() })
    .from(cases)
    .where(and(eq(cases.departmentId, departmentId), inArray(cases.status, [...OPEN_STATUSES])));
  return row?.n ?? 0;
}

/** A create or edit form as validated (its schema chosen by the URL's entity). */
export type StructureValues = Record<string, unknown>;

/** The form's fields as columns: the form's own fields (`_csrf`, `_key`) dropped, blanks as null. */
const blankToNull = (form: StructureValues) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => !k.startsWith("_"))
      .map(([k, v]) => [k, v ?? null]),
  );

/** Inserts a new row from its create form; `passwordHash` only for a spokesperson's account. */
export function insertStructureRow(
  db: D1Database,
  entity: StructureEntity,
  form: StructureValues,
  extra: { id: string; passwordHash: string; officeId: string | null },
): BatchItem<"sqlite"> {
  const d = getDb(db);
  const f = blankToNull(form);
  switch (entity) {
    case "department": {
      const { id, ...rest } = f;
      return d.insert(departments).values({
        ...(rest as Omit<typeof departments.$inferInsert, "id">),
        id: String(id),
        parentId: rest.kind === "office" ? null : ((rest.parentId as string | null) ?? extra.officeId),
      });
    }
    case "region":
      return d.insert(regions).values(f as typeof regions.$inferInsert);
    case "category":
      return d.insert(categories).values(f as typeof categories.$inferInsert);
    case "mailbox":
      return d.insert(addressees).values(f as typeof addressees.$inferInsert);
    default: {
      const { password: _, ...account } = f;
      return d.insert(users).values({
        ...(account as Pick<typeof users.$inferInsert, "username" | "displayName" | "publicTitle" | "departmentId">),
        id: extra.id,
        role: "spokesperson",
        passwordHash: extra.passwordHash,
      });
    }
  }
}

export function updateStructureRow(
  db: D1Database,
  entity: StructureEntity,
  id: string,
  form: StructureValues,
): BatchItem<"sqlite"> {
  const d = getDb(db);
  const f = blankToNull(form);
  switch (entity) {
    case "department":
      return d
        .update(departments)
        .set(f as Partial<typeof departments.$inferInsert>)
        .where(eq(departments.id, id));
    case "region":
      return d
        .update(regions)
        .set(f as Partial<typeof regions.$inferInsert>)
        .where(eq(regions.code, id));
    case "category":
      return d
        .update(categories)
        .set(f as Partial<typeof categories.$inferInsert>)
        .where(eq(categories.code, id));
    case "mailbox":
      return d
        .update(addressees)
        .set(f as Partial<typeof addressees.$inferInsert>)
        .where(eq(addressees.code, id));
    default:
      return d
        .update(users)
        .set(f as Partial<typeof users.$inferInsert>)
        .where(eq(users.id, id));
  }
}

/** The column that says a row is out of use: a spokesperson's account is disabled, the rest deactivated. */
export const stateColumn = (entity: StructureEntity) => (entity === "spokesperson" ? "disabledAt" : "deactivatedAt");
