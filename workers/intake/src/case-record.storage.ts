import type { StoredEvent } from "../../../shared/domain/evolve";

/** The durable object's own SQLite schema. Idempotent: run on every construction. */
export const CASE_RECORD_DDL = [
  `CREATE TABLE IF NOT EXISTS events (
     seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, actor TEXT NOT NULL,
     at TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS commands (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, result TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)`,
  // The time-limit rules in force when the case arrived: later edits apply to new cases only.
  `CREATE TABLE IF NOT EXISTS pinned_rules (id INTEGER PRIMARY KEY CHECK (id = 1), rules TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS petitioner (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, salt TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, body TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at INTEGER NOT NULL DEFAULT 0)`,
];

/** Brings an object created by an earlier version up to date; each step is safe to repeat. */
export function upgradeStorage(sql: SqlStorage): void {
  const columns = sql
    .exec<{ name: string }>("SELECT name FROM pragma_table_info('outbox')")
    .toArray()
    .map((c) => c.name);
  if (!columns.includes("next_attempt_at"))
    sql.exec("ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0");
}

interface EventRow extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  type: string;
  actor: string;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function readEvents(sql: SqlStorage): StoredEvent[] {
  return sql
    .exec<EventRow>("SELECT seq, id, type, actor, at, payload, prev_hash, hash FROM events ORDER BY seq")
    .toArray()
    .map((r) => ({
      seq: r.seq,
      id: r.id,
      caseId: r.id.slice(0, r.id.lastIndexOf("-")),
      type: r.type,
      actor: JSON.parse(r.actor) as StoredEvent["actor"],
      at: r.at,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
}
