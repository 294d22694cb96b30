import { claimForReplay, releaseClaim } from "../db/dead-letter-queries";
import { sourceQueueOf } from "./dead-letter";

export type ReplayOutcome = "replayed" | "already-replayed" | "no-such-queue";

/** How to replay a letter that failed on a queue (or "projection"), by name without environment suffix. */
export type ReplayTargets = Record<string, (body: unknown) => Promise<unknown>>;

/**
 * Sends a dead letter's body back where it failed. The claim comes first, so two replays of one
 * letter (a double click, two admins) send it once; a failed send gives the claim back. Consumers
 * are idempotent, so a letter whose work was done meanwhile changes nothing.
 *
 * @param environment WENZHENG_ENV: queue names carry it as a suffix outside local development.
 */
export async function replayDeadLetter(
  db: D1Database,
  id: string,
  targets: ReplayTargets,
  environment: string,
  now: Date,
): Promise<ReplayOutcome> {
  const letter = await claimForReplay(db, id, now);
  if (!letter) return "already-replayed";
  const suffix = `-${environment}`;
  const source = sourceQueueOf(letter.queue);
  const target = targets[source.endsWith(suffix) ? source.slice(0, -suffix.length) : source];
  if (!target) {
    await releaseClaim(db, id);
    return "no-such-queue";
  }
  try {
    await target(letter.body);
  } catch (error) {
    await releaseClaim(db, id);
    throw error;
  }
  return "replayed";
}
