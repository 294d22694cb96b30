import { FAILURE_MEMORY_MS, type FailureCount } from "../../../../shared/auth/signin-backoff";

export const accountKey = (login: string) => `account:${login}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** The failure counts of the given keys (absent: none). */
export async function failuresOf(db: D1Database, keys: readonly string[]): Promise<Map<string, FailureCount>> {
  const { results } = await db
    .prepare(
      "SELECT key, failures, last_failure_at AS lastFailureAt FROM signin_failures WHERE key IN (SELECT value FROM json_each(?))",
    )
    .bind(JSON.stringify(keys))
    .all<FailureCount & { key: string }>();
  return new Map(results.map(({ key, ...count }) => [key, count]));
}

/** One more failure for each key; a count whose last failure is older than the memory starts again. */
export async function recordFailure(db: D1Database, keys: readonly string[], now: number): Promise<void> {
  const at = new Date(now).toISOString();
  const forgotten = new Date(now - FAILURE_MEMORY_MS).toISOString();
  await db.batch(
    keys.map((key) =>
      db
        .prepare(
          `INSERT INTO signin_failures (key, failures, last_failure_at) VALUES (?1, 1, ?2)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN last_failure_at < ?3 THEN 1 ELSE failures + 1 END, last_failure_at = ?2`,
        )
        .bind(key, at, forgotten),
    ),
  );
}

/** A successful sign-in clears its account's count (the address keeps its own). */
export async function clearFailures(db: D1Database, key: string): Promise<void> {
  await db.prepare("DELETE FROM signin_failures WHERE key = ?").bind(key).run();
}
