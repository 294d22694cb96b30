import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { DeadLetterRecord } from "../queues/dead-letter";
import { getDb } from "./case-queries";
import { deadLetters } from "./ops-schema";

/** Records a dead letter once (a redelivered one is ignored); true when it is new. */
export async function recordDeadLetter(db: D1Database, record: DeadLetterRecord, now: Date): Promise<boolean> {
  const inserted = await getDb(db)
    .insert(deadLetters)
    .values({ ...record, receivedAt: now.toISOString() })
    .onConflictDoNothing()
    .returning({ id: deadLetters.id });
  return inserted.length > 0;
}

export async function openDeadLetterCount(db: D1Database): Promise<number> {
  const [row] = await getDb(db).select({ n: count() }).from(deadLetters).where(isNull(deadLetters.replayedAt));
  return row?.n ?? 0;
}

export function listDeadLetters(db: D1Database, limit = 200) {
  return getDb(db).select().from(deadLetters).orderBy(desc(deadLetters.receivedAt)).limit(limit);
}

/**
 * Claims an open dead letter for replay: only one of two concurrent replays (two clicks, two
 * admins) gets it. Returns it, or null when it was already replayed or does not exist.
 */
export async function claimForReplay(db: D1Database, id: string, now: Date) {
  const [row] = await getDb(db)
    .update(deadLetters)
    .set({ replayedAt: now.toISOString(), replays: sql`${deadLetters.replays} + 1` })
    .where(and(eq(deadLetters.id, id), isNull(deadLetters.replayedAt)))
    .returning();
  return row ?? null;
}

/** Gives a claimed dead letter back when its replay could not be sent. */
export async function releaseClaim(db: D1Database, id: string): Promise<void> {
  await getDb(db)
    .update(deadLetters)
    .set({ replayedAt: null, replays: sql`${deadLetters.replays} - 1` })
    .where(eq(deadLetters.id, id));
}
