import { getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import * as desk from "../db/desk-schema";
import * as evaluation from "../db/evaluation-schema";
import * as t from "../db/schema";
import { sqlLiteral } from "../db/sql-literal";
import type { CityRows } from "./city-rows";

/**
 * A city's rows as SQL statements for `wrangler d1 execute --file` (the one way to reach a remote
 * D1 from a script): upserts keyed by each table's primary key, so re-running updates and never
 * duplicates, and the 派单目录 lines and leader mailboxes the file no longer lists are deleted (the
 * file is their truth). Regions, departments and categories are never deleted here: old cases name
 * them. Column names come from the drizzle tables; values are SQL literals.
 */
export function citySql(rows: CityRows): string[] {
  const routingKeys = rows.routingRules.map((r) => `${r.category}|${r.regionCode}`);
  return [
    ...upsert(t.regions, rows.regions),
    ...upsert(t.departments, rows.departments),
    ...upsert(t.categories, rows.categories),
    ...upsert(t.addressees, rows.addressees),
    ...upsert(desk.routingRules, rows.routingRules),
    ...upsert(t.timeLimitRules, rows.timeLimitRules),
    ...upsert(evaluation.evaluatorGroups, rows.evaluatorGroups),
    deleteOthers("routing_rules", "category || '|' || region_code", routingKeys),
    deleteOthers(
      "addressees",
      "code",
      rows.addressees.map((a) => a.code),
    ),
  ];
}

/** Deletes the rows whose key is not among `keep` (all of them when it is empty: NOT IN () is not SQL). */
function deleteOthers(table: string, key: string, keep: string[]): string {
  return keep.length === 0
    ? `DELETE FROM ${table}`
    : `DELETE FROM ${table} WHERE ${key} NOT IN (${keep.map(sqlLiteral).join(", ")})`;
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
