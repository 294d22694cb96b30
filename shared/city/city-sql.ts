import { getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { auditSql } from "../db/audit-sql";
import { BUMP_CONFIG_VERSION_SQL } from "../db/config-version";
import * as desk from "../db/desk-schema";
import * as evaluation from "../db/evaluation-schema";
import * as t from "../db/schema";
import { sqlLiteral } from "../db/sql-literal";
import type { CityRows } from "./city-rows";

/**
 * A city's rows as SQL statements for `wrangler d1 execute --file` (the one way to reach a remote
 * D1 from a script): upserts keyed by each table's primary key, so re-running updates and never
 * duplicates; a listed row is active again. The 派单目录 lines the file no longer lists are deleted
 * (the file is their truth); regions, departments, categories and leader mailboxes it no longer
 * lists are deactivated, never deleted, because old cases name them. Spokespeople become accounts
 * with no password (an admin issues a one-time one in the console); an existing account keeps its
 * password and sessions. The load is recorded in the audit log. Column names come from the drizzle
 * tables; values are SQL literals.
 */
export function citySql(rows: CityRows, audit: { at: string; file: string; region: string }): string[] {
  const routingKeys = rows.routingRules.map((r) => `${r.category}|${r.regionCode}`);
  return [
    ...upsert(t.regions, rows.regions),
    ...upsert(t.departments, rows.departments),
    ...upsert(t.categories, rows.categories),
    ...upsert(t.addressees, rows.addressees),
    ...upsert(desk.routingRules, rows.routingRules),
    ...upsert(t.timeLimitRules, rows.timeLimitRules),
    ...upsert(evaluation.evaluatorGroups, rows.evaluatorGroups),
    ...rows.spokespeople.map(spokespersonAccount),
    deleteOthers("routing_rules", "category || '|' || region_code", routingKeys),
    deactivateOthers(
      "regions",
      "code",
      rows.regions.map((r) => r.code),
      audit.at,
    ),
    deactivateOthers(
      "departments",
      "id",
      rows.departments.map((d) => d.id),
      audit.at,
    ),
    deactivateOthers(
      "categories",
      "code",
      rows.categories.map((c) => c.code),
      audit.at,
    ),
    deactivateOthers(
      "addressees",
      "code",
      rows.addressees.map((a) => a.code),
      audit.at,
    ),
    auditRow(rows, audit),
    BUMP_CONFIG_VERSION_SQL,
  ];
}

function spokespersonAccount(s: CityRows["spokespeople"][number]): string {
  // "!" is no password hash: nobody signs in before an admin issues a one-time password.
  const values = [
    `spokesperson-${s.username}`,
    s.username,
    s.displayName,
    "spokesperson",
    s.departmentId,
    s.publicTitle,
    "!",
  ];
  return `INSERT INTO users (id, username, display_name, role, department_id, public_title, password_hash, password_change_required) VALUES (${values.map(sqlLiteral).join(", ")}, 1) ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, public_title = excluded.public_title, department_id = excluded.department_id WHERE users.role = 'spokesperson'`;
}

/** The load in the audit log: what the file held, by count (the rows themselves are the file). */
function auditRow(rows: CityRows, audit: { at: string; file: string; region: string }): string {
  const counts = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
  return auditSql({
    id: `${audit.at}-city-${audit.region}`,
    at: audit.at,
    actor: "npm run city",
    action: "city.load",
    entity: "city",
    entityId: audit.region,
    after: { file: audit.file, ...counts },
  });
}

/** Deletes the rows whose key is not among `keep` (all of them when it is empty: NOT IN () is not SQL). */
function deleteOthers(table: string, key: string, keep: string[]): string {
  return keep.length === 0
    ? `DELETE FROM ${table}`
    : `DELETE FROM ${table} WHERE ${key} NOT IN (${keep.map(sqlLiteral).join(", ")})`;
}

/** Marks the rows whose key is not among `keep` deactivated (keeping an earlier deactivation's time). */
function deactivateOthers(table: string, key: string, keep: string[], at: string): string {
  const set = `UPDATE ${table} SET deactivated_at = COALESCE(deactivated_at, ${sqlLiteral(at)})`;
  return keep.length === 0 ? set : `${set} WHERE ${key} NOT IN (${keep.map(sqlLiteral).join(", ")})`;
}

function upsert<T extends SQLiteTable>(table: T, rows: T["$inferInsert"][]): string[] {
  const columns = Object.entries(getTableColumns(table));
  const config = getTableConfig(table);
  const keys = [
    ...columns.filter(([, c]) => c.primary).map(([, c]) => c.name),
    ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
  ];
  const names = columns.map(([, c]) => c.name);
  const updates = names.filter((n) => !keys.includes(n)).map((n) => `${n} = excluded.${n}`);
  return rows.map((row) => {
    const record = row as Record<string, unknown>;
    const values = columns.map(([key]) => sqlLiteral(record[key]));
    return `INSERT INTO ${getTableName(table)} (${names.join(", ")}) VALUES (${values.join(", ")}) ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
  });
}
