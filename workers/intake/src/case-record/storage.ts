import type { TimeLimitRule } from "../../../../shared/clocks/time-limit-rules";
import type { CaseState } from "../../../../shared/domain/case-model";
import { readStoredEvent } from "../../../../shared/domain/event-upcast";
import type { RawStoredEvent, StoredEvent } from "../../../../shared/domain/events";
import type { Petitioner } from "../../../../shared/domain/submission.schema";
import { type Replay, rememberCommand, replayCommand } from "./command-memory";
import type { OutboxEntry } from "./outbox";
import type { CaseRow } from "./projection";

/** The durable object's own SQLite schema. Idempotent: run on every construction. */
const CASE_RECORD_DDL = [
  `CREATE TABLE IF NOT EXISTS events (
     seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, actor TEXT NOT NULL,
     at TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS commands (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, result TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)`,
  // The time-limit rules in force when the case arrived: later edits apply to new cases only.
  `CREATE TABLE IF NOT EXISTS pinned_rules (id INTEGER PRIMARY KEY CHECK (id = 1), rules TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS petitioner (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, salt TEXT NOT NULL)`,
  // The case row as last handed to the outbox: the next projection writes only what changed since.
  `CREATE TABLE IF NOT EXISTS projected (id INTEGER PRIMARY KEY CHECK (id = 1), row TEXT NOT NULL)`,
  // 附议: each supporter's phone digest (keyed, never the phone), so a phone counts once.
  `CREATE TABLE IF NOT EXISTS supporters (digest TEXT PRIMARY KEY, at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, body TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_attempt_at INTEGER NOT NULL DEFAULT 0)`,
];

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

/**
 * Every read and write of the case object's SQLite storage, so the object itself reads as its
 * commands. Writes are synchronous: callers group them in `transactionSync`.
 */
export class CaseStorage {
  constructor(private readonly sql: SqlStorage) {}

  /** Creates the tables and brings an object created by an earlier version up to date; safe to repeat. */
  migrate(): void {
    // One call: every new object runs this, so its cost is paid per case.
    this.sql.exec(CASE_RECORD_DDL.join(";\n"));
    const columns = this.sql
      .exec<{ name: string }>("SELECT name FROM pragma_table_info('outbox')")
      .toArray()
      .map((c) => c.name);
    if (!columns.includes("next_attempt_at"))
      this.sql.exec("ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0");
  }

  /** The log exactly as stored: what the chain is verified on. */
  rawEvents(): RawStoredEvent[] {
    return this.sql
      .exec<EventRow>("SELECT seq, id, type, actor, at, payload, prev_hash, hash FROM events ORDER BY seq")
      .toArray()
      .map((r) => ({
        seq: r.seq,
        id: r.id,
        caseId: r.id.slice(0, r.id.lastIndexOf("-")),
        type: r.type,
        actor: JSON.parse(r.actor),
        at: r.at,
        payload: JSON.parse(r.payload),
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
  }

  /** The log as the domain reads it: each event upcast and parsed, or an error naming its seq. */
  events(): StoredEvent[] {
    return this.rawEvents().map(readStoredEvent);
  }

  /** The folded state; null before submission. */
  state(): CaseState | null {
    const row = this.sql.exec<{ state: string }>("SELECT state FROM snapshot WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.state) as CaseState) : null;
  }

  petitioner(): Petitioner {
    return JSON.parse(
      this.sql.exec<{ data: string }>("SELECT data FROM petitioner WHERE id = 1").one().data,
    ) as Petitioner;
  }

  /** The rules pinned at submission; null for a case from before pinning (today's rules apply). */
  pinnedRules(): TimeLimitRule[] | null {
    const row = this.sql.exec<{ rules: string }>("SELECT rules FROM pinned_rules WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.rules) as TimeLimitRule[]) : null;
  }

  /** What submission keeps beside the log: the contact data (with its digest's salt) and the rules. */
  keepSubmission(petitioner: Petitioner, salt: string, rules: readonly TimeLimitRule[]): void {
    this.sql.exec("INSERT INTO petitioner (id, data, salt) VALUES (1, ?, ?)", JSON.stringify(petitioner), salt);
    this.sql.exec("INSERT INTO pinned_rules (id, rules) VALUES (1, ?)", JSON.stringify(rules));
  }

  /** Records a supporter's digest; false if that phone already supports this case. */
  addSupporter(digest: string, at: string): boolean {
    return this.sql.exec("INSERT OR IGNORE INTO supporters (digest, at) VALUES (?, ?)", digest, at).rowsWritten > 0;
  }

  /** Every supporter's digest: a merge hands them to the case it names. */
  supporterDigests(): string[] {
    return this.sql
      .exec<{ digest: string }>("SELECT digest FROM supporters ORDER BY at, digest")
      .toArray()
      .map((r) => r.digest);
  }

  replay<T>(key: string, requestHash: string): Replay<T> {
    return replayCommand<T>(this.sql, key, requestHash);
  }

  rememberCommand(key: string, requestHash: string, result: unknown): void {
    rememberCommand(this.sql, key, requestHash, result);
  }

  /** The case row as last projected; null before the first projection (or for an object from before). */
  projectedRow(): CaseRow | null {
    const row = this.sql.exec<{ row: string }>("SELECT row FROM projected WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.row) as CaseRow) : null;
  }

  private keepProjectedRow(row: CaseRow): void {
    this.sql.exec("INSERT OR REPLACE INTO projected (id, row) VALUES (1, ?)", JSON.stringify(row));
  }

  /** The event, the new snapshot and everything that must leave because of it, as one write. */
  append(event: StoredEvent, state: CaseState, entries: readonly OutboxEntry[]): void {
    this.sql.exec(
      "INSERT INTO events (seq, id, type, actor, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      event.seq,
      event.id,
      event.type,
      JSON.stringify(event.actor),
      event.at,
      JSON.stringify(event.payload),
      event.prevHash,
      event.hash,
    );
    this.sql.exec("INSERT OR REPLACE INTO snapshot (id, state) VALUES (1, ?)", JSON.stringify(state));
    this.enqueue(entries);
  }

  enqueue(entries: readonly OutboxEntry[]): void {
    for (const entry of entries) {
      this.sql.exec("INSERT INTO outbox (target, body) VALUES (?, ?)", entry.target, JSON.stringify(entry.body));
      if (entry.target === "d1") this.keepProjectedRow(entry.body.row);
      // The sweep's index moved without an event: the next projection must not think it unchanged.
      if (entry.target === "next-due") {
        const row = this.projectedRow();
        if (row?.lastSeq === entry.body.lastSeq) this.keepProjectedRow({ ...row, nextDueAt: entry.body.nextDueAt });
      }
    }
  }
}
