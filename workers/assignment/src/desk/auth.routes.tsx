import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { verifyPassword } from "../../../../shared/auth/password";
import { timingSafeEqual } from "../../../../shared/auth/signing";
import { clientIp } from "../../../../shared/http/client-ip";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { LoginPage } from "../console/login-page";
import { type DeskEnv, endSession, startSession } from "./session";
import { userByUsername } from "./session-queries";

const LOGIN_CSRF_COOKIE = "wz_login";
// Verified against when the username is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** Only local console paths may follow sign-in: never an open redirect. */
const safeNext = (next: unknown) =>
  typeof next === "string" && /^\/console(\/[\w\-/]*)?$/.test(next) ? next : "/console";
const loginName = (username: unknown) => (typeof username === "string" ? username.trim().slice(0, 64) : "");

/** The sign-in page again, with a fresh double-submit token. */
function signInAgain(
  c: Context<DeskEnv>,
  form: { next: string; username: string },
  error: string,
  status: 400 | 401 | 403 | 429,
) {
  const fresh = crypto.randomUUID();
  setCookie(c, LOGIN_CSRF_COOKIE, fresh, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/console",
    secure: new URL(c.req.url).protocol === "https:",
  });
  return c.html(<LoginPage token={fresh} next={form.next} error={error} username={form.username} />, status);
}

/**
 * What the sign-in form posts. Only its double-submit token can fail: a cross-site page cannot sign
 * a visitor into our console. Anything else unexpected simply fails to sign in.
 */
const SignInForm = (c: Context<DeskEnv>) =>
  z.object({
    _login: z.string().refine((token) => token !== "" && timingSafeEqual(token, getCookie(c, LOGIN_CSRF_COOKIE) ?? "")),
    username: z.unknown().transform(loginName),
    password: z
      .string()
      .catch("")
      .transform((p) => p.slice(0, 256)),
    next: z.unknown().transform(safeNext),
  });

/** The sign-in page, before any session exists. */
export const signIn = new Hono<DeskEnv>();

signIn.get("/", (c) => {
  // Double-submit token: a cross-site page cannot sign a visitor into our console.
  const token = crypto.randomUUID();
  setCookie(c, LOGIN_CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/console",
    secure: new URL(c.req.url).protocol === "https:",
  });
  return c.html(<LoginPage token={token} next={safeNext(c.req.query("next"))} />);
});

signIn.post(
  "/",
  formValidator(SignInForm, (c, _errors, posted) =>
    signInAgain(
      c,
      { next: safeNext(posted.next), username: loginName(posted.username) },
      consoleText().loginStale,
      403,
    ),
  ),
  async (c) => {
    const form = c.req.valid("form");
    const ip = clientIp((n) => c.req.header(n));
    const login = form.username.toLowerCase();
    const checks = await Promise.all([
      c.env.SIGNIN_LIMITER.limit({ key: `${ip}:${login}` }),
      c.env.SIGNIN_IP_LIMITER.limit({ key: ip }),
      c.env.SIGNIN_USER_LIMITER.limit({ key: login }),
    ]);
    if (checks.some((r) => !r.success)) {
      c.header("Retry-After", "60");
      return signInAgain(c, form, consoleText().loginThrottled, 429);
    }
    const user = await userByUsername(c.env.DB, form.username);
    const ok = await verifyPassword(form.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabledAt) return signInAgain(c, form, consoleText().loginWrong, 401);
    await startSession(c, user.id, new Date());
    return c.redirect(form.next, 303);
  },
);

/** Signing out: behind the sign-in check and the CSRF token like every other form. */
export const signOut = new Hono<DeskEnv>();

signOut.post("/", async (c) => {
  await endSession(c, c.get("staff").sessionId, new Date());
  return c.redirect("/console/login", 303);
});
