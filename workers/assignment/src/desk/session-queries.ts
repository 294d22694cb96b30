import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { getDb } from "../../../../shared/db/case-queries";
import { sessions } from "../../../../shared/db/desk-schema";
import { departments, users } from "../../../../shared/db/schema";

/** Staff accounts and their sign-in sessions. */

export async function userByUsername(db: D1Database, username: string) {
  const [user] = await getDb(db).select().from(users).where(eq(users.username, username)).limit(1);
  return user ?? null;
}

export async function insertSession(db: D1Database, session: typeof sessions.$inferInsert): Promise<void> {
  await getDb(db).insert(sessions).values(session);
}

export async function revokeSession(db: D1Database, sessionId: string, now: string): Promise<void> {
  await getDb(db).update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

const lastSeen = sql<string>`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`;

/**
 * The account behind a live session: not revoked, not expired, not idle since `idleSince`, the
 * account not disabled.
 */
export async function sessionAccount(db: D1Database, sessionId: string, now: string, idleSince: string) {
  const [row] = await getDb(db)
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      publicTitle: users.publicTitle,
      passwordChangeRequired: users.passwordChangeRequired,
      hasSecondFactor: sql<number>`${users.totpSecret} IS NOT NULL`,
      secondFactorPending: sessions.secondFactorPending,
      lastSeenAt: lastSeen,
      kind: departments.kind,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(lastSeen, idleSince),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function passwordHashOf(db: D1Database, userId: string): Promise<string | null> {
  const [row] = await getDb(db).select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? null;
}

/** The same password stored again under today's hashing parameters. */
export function setPasswordHash(db: D1Database, userId: string, passwordHash: string) {
  return getDb(db).update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** The person's own new password; the one-time password's demand is lifted with it. */
export function setOwnPassword(db: D1Database, userId: string, passwordHash: string) {
  return getDb(db).update(users).set({ passwordHash, passwordChangeRequired: false }).where(eq(users.id, userId));
}

/** Marks the session as seen now; at most one write a minute per session (`staleBefore`). */
export function touchSession(db: D1Database, sessionId: string, now: string, staleBefore: string) {
  return getDb(db)
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), lt(lastSeen, staleBefore)));
}

/** Ends every session of the account (sign out everywhere; a new password), except `keep` if given. */
export function revokeSessionsOf(db: D1Database, userId: string, now: string, keep?: string) {
  return getDb(db)
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined));
}

/** The account's live sessions, newest first: the security page lists them. */
export function liveSessionsOf(db: D1Database, userId: string, now: string, idleSince: string) {
  return getDb(db)
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: lastSeen })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        eq(sessions.secondFactorPending, false),
        gt(sessions.expiresAt, now),
        gt(lastSeen, idleSince),
      ),
    )
    .orderBy(sql`${lastSeen} DESC`);
}
