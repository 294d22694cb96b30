import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { secondFactorRequired } from "../../../../shared/auth/second-factor";
import { csrfToken, signSessionId, timingSafeEqual, verifySessionCookie } from "../../../../shared/auth/signing";
import type { Role } from "../../../../shared/domain/case-model";
import { formValidator } from "../../../../shared/http/form-validator";
import { insertSession, revokeSession, sessionAccount, touchSession } from "./session-queries";

export const SESSION_COOKIE = "wz_session";
const SESSION_HOURS = 12;
/** A console left alone this long is signed out (the shared office PC, the phone left on a desk). */
export const IDLE_MINUTES = 30;
/** Between a right password and the second factor's code. */
const PENDING_MINUTES = 5;
/** How stale `last_seen_at` may get before a request writes it again (idle time is counted in minutes). */
const TOUCH_EVERY_MS = 60_000;

export interface Staff {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string;
  publicTitle: string | null;
  /** Signed in with a one-time password: every page but the password form is closed until it is changed. */
  passwordChangeRequired: boolean;
  /** The password was right; the second factor's code is still to come. */
  secondFactorPending: boolean;
  /** The role requires a second factor and the account has none yet: it must set one up first. */
  secondFactorSetupRequired: boolean;
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

/**
 * Opens a session and sets its signed, HttpOnly, SameSite=Strict cookie (Secure over HTTPS). A session
 * still waiting for the second factor lives five minutes and opens only the code page.
 */
export async function startSession(
  c: Context<DeskEnv>,
  userId: string,
  now: Date,
  secondFactorPending = false,
): Promise<void> {
  const id = randomToken();
  const expiresAt = new Date(
    now.getTime() + (secondFactorPending ? PENDING_MINUTES * 60_000 : SESSION_HOURS * 3600_000),
  );
  await insertSession(c.env.DB, {
    id,
    userId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    lastSeenAt: now.toISOString(),
    secondFactorPending,
  });
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
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString();
  const row = await sessionAccount(c.env.DB, sessionId, at(now), at(now - IDLE_MINUTES * 60_000));
  if (!row) return null;
  // Written only when stale: most requests cost no statement for the idle clock.
  if (Date.parse(row.lastSeenAt) < now - TOUCH_EVERY_MS)
    c.executionCtx.waitUntil(touchSession(c.env.DB, sessionId, at(now), at(now - TOUCH_EVERY_MS)).then(() => {}));
  const { kind, hasSecondFactor, lastSeenAt: _seen, ...user } = row;
  const role = row.role as Role;
  return {
    ...user,
    role,
    secondFactorSetupRequired: !hasSecondFactor && secondFactorRequired(role),
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
  const only = openPages(staff);
  if (only && path !== "/console/logout" && path !== only.path && !path.startsWith(`${only.path}/`)) {
    if (c.req.method === "GET") return c.redirect(only.path, 303);
    return c.text(only.refusal, 403);
  }
  await next();
};

/** Where a one-time password is exchanged for the person's own. */
export const PASSWORD_PATH = "/console/password";
/** Where the second factor's code is asked for after the password. */
export const VERIFY_PATH = "/console/verify";
/** The account's security page: second factor, recovery codes, sessions. */
export const SECURITY_PATH = "/console/security";

/** A session that may not use the console yet: the one page (and its sub-pages) it is kept to. */
function openPages(staff: Staff): { path: string; refusal: string } | null {
  if (staff.secondFactorPending) return { path: VERIFY_PATH, refusal: "请先输入验证码 / enter your code first" };
  if (staff.passwordChangeRequired)
    return { path: PASSWORD_PATH, refusal: "请先设置新密码 / set a new password first" };
  if (staff.secondFactorSetupRequired)
    return { path: SECURITY_PATH, refusal: "请先启用两步验证 / set up two-step verification first" };
  return null;
}

/** Every form posted after sign-in carries the session's CSRF token; before any handler reads it. */
export const requireCsrf = formValidator(
  (c: Context<DeskEnv>) =>
    z.looseObject({ _csrf: z.string().refine((token) => timingSafeEqual(token, c.get("staff").csrf)) }),
  (c) => c.text("表单已失效，请返回刷新后重试 / stale form", 403),
);
