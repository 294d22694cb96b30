import { and, eq, gt, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrfToken, signSessionId, timingSafeEqual, verifySessionCookie } from "../../../../shared/auth/signing";
import { getDb } from "../../../../shared/db/case-queries";
import { sessions } from "../../../../shared/db/desk-schema";
import { departments, users } from "../../../../shared/db/schema";
import type { Role } from "../../../../shared/domain/case-model";

export const SESSION_COOKIE = "wz_session";
const SESSION_HOURS = 12;

export interface Staff {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  publicTitle: string | null;
  /** A leader's office (书记信箱, 市长信箱 …) also sees the summary of its mailbox. */
  leaderOffice: boolean;
  sessionId: string;
  csrf: string;
}

export type DeskEnv = { Bindings: AssignmentEnv; Variables: { staff: Staff } };

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Opens a session and sets its signed, HttpOnly, SameSite=Strict cookie (Secure over HTTPS). */
export async function startSession(c: Context<DeskEnv>, userId: string, now: Date): Promise<void> {
  const id = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await getDb(c.env.DB)
    .insert(sessions)
    .values({ id, userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  setCookie(c, SESSION_COOKIE, await signSessionId(c.env.SESSION_SECRET, id), {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/console",
    expires: expiresAt,
  });
}

/** Revokes the session server-side, so a copied cookie stops working too. */
export async function endSession(c: Context<DeskEnv>, sessionId: string, now: Date): Promise<void> {
  await getDb(c.env.DB).update(sessions).set({ revokedAt: now.toISOString() }).where(eq(sessions.id, sessionId));
  deleteCookie(c, SESSION_COOKIE, { path: "/console" });
}

async function loadStaff(c: Context<DeskEnv>): Promise<Staff | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const sessionId = cookie ? await verifySessionCookie(c.env.SESSION_SECRET, cookie) : null;
  if (!sessionId) return null;
  const [row] = await getDb(c.env.DB)
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      publicTitle: users.publicTitle,
      kind: departments.kind,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date().toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  const { kind, ...user } = row;
  return {
    ...user,
    role: row.role as Role,
    leaderOffice: kind === "leader_office",
    sessionId,
    csrf: await csrfToken(c.env.SESSION_SECRET, sessionId),
  };
}

/**
 * Every console route after sign-in: a valid session or the sign-in page; and on every POST the
 * form's CSRF token must match the session's.
 */
export const requireStaff: MiddlewareHandler<DeskEnv> = async (c, next) => {
  if (c.get("staff")) return next(); // already checked by an outer mount
  const staff = await loadStaff(c);
  if (!staff) {
    if (c.req.method === "GET")
      return c.redirect(`/console/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    return c.text("请先登录 / sign in first", 401);
  }
  if (c.req.method === "POST") {
    const form = await c.req.parseBody();
    const token = typeof form._csrf === "string" ? form._csrf : "";
    if (!timingSafeEqual(token, staff.csrf)) return c.text("表单已失效，请返回刷新后重试 / stale form", 403);
  }
  c.set("staff", staff);
  await next();
};
