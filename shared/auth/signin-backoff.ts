/**
 * Sign-in backoff (against online password guessing, without handing an attacker a lockout). Only
 * failures count. An address that keeps failing (over any accounts: password spraying) waits before
 * its next attempt is even checked. An account that keeps failing (a guess spread over many
 * addresses) waits too — except in a browser that has signed in to it before (the device cookie):
 * there the password is still checked, so its owner signs in while the attack goes on.
 */

export const ACCOUNT_THRESHOLD = 5;
export const ADDRESS_THRESHOLD = 20;
const FIRST_WAIT_MS = 60_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Failures older than this no longer count: the count starts again. */
export const FAILURE_MEMORY_MS = 60 * 60_000;

export interface FailureCount {
  failures: number;
  lastFailureAt: string;
}

/**
 * Until when the next attempt must wait, or null: from the threshold on, 1 minute after the last
 * failure, doubling with each further failure, at most 15 minutes.
 */
export function waitUntil(count: FailureCount | null, threshold: number, now: number): number | null {
  if (!count || count.failures < threshold) return null;
  const last = Date.parse(count.lastFailureAt);
  if (now - last > FAILURE_MEMORY_MS) return null;
  const until = last + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (count.failures - threshold));
  return until > now ? until : null;
}
