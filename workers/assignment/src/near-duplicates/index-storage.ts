import { bandKeys, type IndexedSignature } from "../../../../shared/routing/lsh";

/** The index's own SQLite schema. Idempotent: run on every construction. */
const INDEX_DDL = [
  `CREATE TABLE IF NOT EXISTS signatures (
     id INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE, tracking_no TEXT NOT NULL, submitted_at TEXT NOT NULL,
     signature BLOB NOT NULL)`,
  "CREATE INDEX IF NOT EXISTS signatures_submitted ON signatures (submitted_at)",
  // A band key → the cases holding it, by their small integer id (21 rows a case: a 41-character case
  // id in each would triple the index); the primary key is the whole lookup, so no rowid table.
  "CREATE TABLE IF NOT EXISTS bands (band_key INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (band_key, id)) WITHOUT ROWID",
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
];

/** Expired cases dropped per call: more than one case arrives per call, so the index keeps up. */
const PRUNE_PER_CALL = 8;

interface SignatureRow extends Record<string, SqlStorageValue> {
  id: number;
  case_id: string;
  tracking_no: string;
  submitted_at: string;
  signature: ArrayBuffer;
}

const toBlob = (signature: readonly number[]) => Uint32Array.from(signature).buffer;

/**
 * Every read and write of one region's near-duplicate index: each case's signature and its band
 * keys. Writes are synchronous: callers group them in `transactionSync`.
 */
export class IndexStorage {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    for (const ddl of INDEX_DDL) this.sql.exec(ddl);
  }

  /** Adds a case once: a second delivery of the same case finds its row and writes nothing. */
  add(entry: { caseId: string; trackingNo: string; submittedAt: string; signature: readonly number[] }): void {
    const [added] = this.sql
      .exec<{ id: number }>(
        `INSERT INTO signatures (case_id, tracking_no, submitted_at, signature) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING id`,
        entry.caseId,
        entry.trackingNo,
        entry.submittedAt,
        toBlob(entry.signature),
      )
      .toArray();
    if (!added) return;
    const keys = bandKeys(entry.signature);
    this.sql.exec(
      `INSERT INTO bands (band_key, id) VALUES ${keys.map(() => "(?, ?)").join(", ")} ON CONFLICT DO NOTHING`,
      ...keys.flatMap((key) => [key, added.id]),
    );
  }

  /** The cases sharing a band with `signature`, submitted since `since`, other than `caseId`. */
  candidates(signature: readonly number[], since: string, caseId: string): IndexedSignature[] {
    const keys = bandKeys(signature);
    return this.sql
      .exec<SignatureRow>(
        `SELECT case_id, tracking_no, submitted_at, signature FROM signatures
         WHERE id IN (SELECT id FROM bands WHERE band_key IN (${keys.map(() => "?").join(", ")}))
           AND submitted_at >= ? AND case_id <> ?`,
        ...keys,
        since,
        caseId,
      )
      .toArray()
      .map((r) => ({
        caseId: r.case_id,
        trackingNo: r.tracking_no,
        submittedAt: r.submitted_at,
        signature: new Uint32Array(r.signature),
      }));
  }

  /** Drops cases with their band keys (recomputed from the signature, so no second index on `bands`). */
  remove(caseIds: readonly string[]): void {
    for (const caseId of caseIds) {
      const [row] = this.sql
        .exec<Pick<SignatureRow, "id" | "signature">>("SELECT id, signature FROM signatures WHERE case_id = ?", caseId)
        .toArray();
      if (!row) continue;
      const keys = bandKeys(new Uint32Array(row.signature));
      this.sql.exec(
        `DELETE FROM bands WHERE id = ? AND band_key IN (${keys.map(() => "?").join(", ")})`,
        row.id,
        ...keys,
      );
      this.sql.exec("DELETE FROM signatures WHERE id = ?", row.id);
    }
  }

  /** A few of the cases that fell out of the window, oldest first: storage stays about a window's worth. */
  pruneBefore(since: string): void {
    const expired = this.sql
      .exec<{ case_id: string }>(
        "SELECT case_id FROM signatures WHERE submitted_at < ? ORDER BY submitted_at LIMIT ?",
        since,
        PRUNE_PER_CALL,
      )
      .toArray();
    this.remove(expired.map((r) => r.case_id));
  }

  flag(key: string): boolean {
    return this.sql.exec("SELECT 1 FROM meta WHERE key = ?", key).toArray().length > 0;
  }

  setFlag(key: string): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT DO NOTHING", key);
  }

  /** How much the index holds, for the tests and the bench. */
  counts(): { signatures: number; bands: number } {
    const one = (q: string) => Number(this.sql.exec<{ n: number }>(q).one().n);
    return { signatures: one("SELECT count(*) AS n FROM signatures"), bands: one("SELECT count(*) AS n FROM bands") };
  }
}
