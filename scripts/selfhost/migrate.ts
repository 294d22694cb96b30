/**
 * D1 migrations on the self-hosted database, recorded in the same `d1_migrations` table wrangler keeps,
 * each file applied with its record in one batch (all or nothing), so a start after an upgrade applies
 * exactly the files not yet applied.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../platform.ts";
import { type ControlEndpoint, sqlBatch } from "./control-client.ts";

const TRACKING =
  "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)";

export async function applyMigrations(endpoint: ControlEndpoint): Promise<string[]> {
  const [, rows = []] = await sqlBatch(endpoint, [{ sql: TRACKING }, { sql: "SELECT name FROM d1_migrations" }]);
  const applied = new Set(rows.map((r) => String(r.name)));
  const dir = path.join(root, "migrations");
  const pending = readdirSync(dir)
    .filter((f) => f.endsWith(".sql") && !applied.has(f))
    .sort();
  for (const file of pending) {
    const statements = readFileSync(path.join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .filter((s) => s.trim())
      .map((sql) => ({ sql }));
    await sqlBatch(endpoint, [...statements, { sql: "INSERT INTO d1_migrations (name) VALUES (?)", params: [file] }]);
  }
  return pending;
}
