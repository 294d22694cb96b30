import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { csrfToken, signSessionId, timingSafeEqual, verifySessionCookie } from "../../../../shared/auth/signing";
import type { Role } from "../../../../shared/domain/case-model";
import { formValidator } from "../../../../shared/http/form-validator";
import { insertSession, revokeSession, sessionAccount } from "./session-queries";

export const SESSION_COOKIE = "wz_session";
const SESSION_HOURS = 12;

export interface Staff {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  publicTitle: string | null;
  /** Signed in with a one-time password: every page but the password form is closed until it is changed. */
  passwordChangeRequired: boolean;
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
  await insertSession(c.env.DB, { id, userId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
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
  await revokeSession(c.env.DB, sessionId, now.toISOString());
  deleteCookie(c, SESSION_COOKIE, { path: "/console" });
}

async function loadStaff(c: Context<DeskEnv>): Promise<Staff | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const sessionId = cookie ? await verifySessionCookie(c.env.SESSION_SECRET, cookie) : null;
  if (!sessionId) return null;
  const row = await sessionAccount(c.env.DB, sessionId, new Date().toISOString());
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

/** Every console route after sign-in: a valid session, or the sign-in page. */
export const requireStaff: MiddlewareHandler<DeskEnv> = async (c, next) => {
  const staff = await loadStaff(c);
  if (!staff) {
    if (c.req.method === "GET")
      return c.redirect(`/console/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    return c.text("请先登录 / sign in first", 401);
  }
  c.set("staff", staff);
  const path = new URL(c.req.url).pathname;
  if (staff.passwordChangeRequired && path !== PASSWORD_PATH && path !== "/console/logout") {
    if (c.req.method === "GET") return c.redirect(PASSWORD_PATH, 303);
    return c.text("请先设置新密码 / set a new password first", 403);
  }
  await next();
};

/** Where a one-time password is exchanged for the person's own. */
export const PASSWORD_PATH = "/console/password";

/** Every form posted after sign-in carries the session's CSRF token; before any handler reads it. */
export const requireCsrf = formValidator(
  (c: Context<DeskEnv>) =>
    z.looseObject({ _csrf: z.string().refine((token) => timingSafeEqual(token, c.get("staff").csrf)) }),
  (c) => c.text("表单已失效，请返回刷新后重试 / stale form", 403),
);
