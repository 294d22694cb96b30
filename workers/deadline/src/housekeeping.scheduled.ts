import { FAILURE_MEMORY_MS } from "../../../shared/auth/signin-backoff";

/** Partners' per-minute counts are kept two days (enough to answer "why was I refused yesterday"). */
const PARTNER_USAGE_DAYS = 2;
/** Ended sessions are kept 30 days for the security page's history and an investigation. */
const SESSION_DAYS = 30;

/**
 * Daily: drops the counters that only ever grow and no longer count — partners' per-minute quota
 * rows, sign-in failures past the backoff's memory, sessions long over. Idempotent by nature.
 */
export async function houseKeeping(env: DeadlineEnv, scheduledTime: number): Promise<void> {
  const at = (ms: number) => new Date(scheduledTime - ms).toISOString();
  await env.DB.batch([
    env.DB.prepare("DELETE FROM partner_usage WHERE minute < ?").bind(at(PARTNER_USAGE_DAYS * 86_400_000).slice(0, 16)),
    env.DB.prepare("DELETE FROM signin_failures WHERE last_failure_at < ?").bind(at(FAILURE_MEMORY_MS)),
    env.DB.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(at(SESSION_DAYS * 86_400_000)),
  ]);
}
