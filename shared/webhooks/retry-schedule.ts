/**
 * When a failed webhook delivery is tried again: 30 s, doubling to a cap of four hours, each wait
 * jittered between half and all of its step so that a partner coming back up is not hit by every
 * pending delivery in the same second. After 72 hours of failures the delivery is dead (the
 * partner sees it, and can ask for it again with redeliver).
 */
export const RETRY_WINDOW_MS = 72 * 3_600_000;
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 4 * 3_600_000;

/** The wait after the `attempts`-th failed attempt (1-based); `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** When to try again after a failure at `now`, or null when that would fall past `giveUpAt` (dead). */
export function nextAttemptAt(
  now: number,
  attempts: number,
  giveUpAt: number,
  random: () => number = Math.random,
): number | null {
  const at = now + retryDelayMs(attempts, random);
  return at > giveUpAt ? null : at;
}
