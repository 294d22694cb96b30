import { and, eq, gt, isNull } from "drizzle-orm";
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

/** The account behind a live session: not revoked, not expired, the account not disabled. */
export async function sessionAccount(db: D1Database, sessionId: string, now: string) {
  const [row] = await getDb(db)
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      publicTitle: users.publicTitle,
      passwordChangeRequired: users.passwordChangeRequired,
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

/** The person's own new password; the one-time password's demand is lifted with it. */
export function setOwnPassword(db: D1Database, userId: string, passwordHash: string) {
  return getDb(db).update(users).set({ passwordHash, passwordChangeRequired: false }).where(eq(users.id, userId));
}
