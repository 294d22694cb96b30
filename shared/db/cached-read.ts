import { logEvent } from "../log";
import { errorKind } from "../queues/dead-letter";

/** A value read from D1 and when it was read, kept per isolate. */
export interface CachedRead<T> {
  at: number;
  value: T;
}

/**
 * The cached value while it is younger than `ttlMs`, else a fresh read. When the fresh read fails
 * and an older value exists, the older value is served (stale-if-error) and the next call tries D1
 * again: a D1 outage longer than the cache must not refuse citizens' submissions, which the case
 * objects keep and project once D1 is back. With nothing cached the error goes to the caller.
 */
export async function cachedRead<T>(
  cached: CachedRead<T> | null,
  ttlMs: number,
  name: string,
  read: () => Promise<T>,
): Promise<CachedRead<T>> {
  if (cached && Date.now() - cached.at <= ttlMs) return cached;
  try {
    return { at: Date.now(), value: await read() };
  } catch (error) {
    if (!cached) throw error;
    logEvent("warn", "stale-cache-served", { cache: name, ageMs: Date.now() - cached.at, error: errorKind(error) });
    return cached;
  }
}
