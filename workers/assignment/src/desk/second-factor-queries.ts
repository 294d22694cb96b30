import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { recoveryCodes } from "../../../../shared/db/desk-schema";
import { users } from "../../../../shared/db/schema";

/** An account's second factor: the TOTP secret, the last step used, the recovery codes. */

export async function secondFactorOf(db: D1Database, userId: string) {
  const [row] = await getDb(db)
    .select({ username: users.username, secret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * Records `step` as used, only if it is later than the last one: two requests racing with the same
 * code cannot both win. True if this request claimed it.
 */
export async function claimTotpStep(db: D1Database, userId: string, step: number): Promise<boolean> {
  const result = await getDb(db)
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))));
  return result.meta.changes === 1;
}

/** Spends one recovery code; true if it existed and was unused. */
export async function spendRecoveryCode(db: D1Database, userId: string, digest: string, now: string) {
  const result = await getDb(db)
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.digest, digest), isNull(recoveryCodes.usedAt)));
  return result.meta.changes === 1;
}

export async function recoveryCodesLeft(db: D1Database, userId: string): Promise<number> {
  const [row] = await getDb(db)
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** The statements that turn the second factor on (or move it to a new phone) with fresh recovery codes. */
export function enableSecondFactor(db: D1Database, userId: string, secret: string, step: number) {
  return getDb(db).update(users).set({ totpSecret: secret, totpLastStep: step }).where(eq(users.id, userId));
}

/** The statements that replace every recovery code of the account with `digests`. */
export function replaceRecoveryCodes(db: D1Database, userId: string, digests: readonly string[], now: string) {
  const d = getDb(db);
  return [
    d.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    d.insert(recoveryCodes).values(digests.map((digest) => ({ userId, digest, createdAt: now }))),
  ] as const;
}

/** The statements that remove the second factor (turned off by its owner, or reset by an admin). */
export function removeSecondFactor(db: D1Database, userId: string) {
  const d = getDb(db);
  return [
    d.update(users).set({ totpSecret: null, totpLastStep: null }).where(eq(users.id, userId)),
    d.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
  ] as const;
}
