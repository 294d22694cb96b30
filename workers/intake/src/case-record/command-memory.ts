import { IdempotencyConflict } from "../../../../shared/domain/errors";

/**
 * What a durable object remembers of the commands it answered: its `commands` table (key,
 * request_hash, result), shared by the case object and the interview session object.
 */

/** A command's first answer, kept under its idempotency key with the hash of the request it answered. */
export type Replay<T> =
  | { kind: "none" }
  | { kind: "same"; result: T }
  | { kind: "conflict"; error: IdempotencyConflict };

/** The first answer under `key`, or a conflict when the key came with another request. */
export function replayCommand<T>(sql: SqlStorage, key: string, requestHash: string): Replay<T> {
  const row = sql
    .exec<{ request_hash: string; result: string }>("SELECT request_hash, result FROM commands WHERE key = ?", key)
    .toArray()[0];
  if (!row) return { kind: "none" };
  if (row.request_hash !== requestHash) return { kind: "conflict", error: new IdempotencyConflict() };
  return { kind: "same", result: JSON.parse(row.result) as T };
}

export function rememberCommand(sql: SqlStorage, key: string, requestHash: string, result: unknown): void {
  sql.exec(
    "INSERT INTO commands (key, request_hash, result) VALUES (?, ?, ?)",
    key,
    requestHash,
    JSON.stringify(result),
  );
}
