import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import * as z from "zod";
import { hashPassword, needsRehash, verifyPassword } from "../../../../shared/auth/password";
import { ACCOUNT_THRESHOLD, ADDRESS_THRESHOLD, waitUntil } from "../../../../shared/auth/signin-backoff";
import { deviceToken, timingSafeEqual } from "../../../../shared/auth/signing";
import { clientIp } from "../../../../shared/http/client-ip";
import { formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { LoginPage } from "../console/login-page";
import { type DeskEnv, endSession, startSession, VERIFY_PATH } from "./session";
import { setPasswordHash, userByUsername } from "./session-queries";
import { accountKey, addressKey, clearFailures, failuresOf, recordFailure } from "./signin-failures-queries";

const LOGIN_CSRF_COOKIE = "wz_login";
/** Left by a successful sign-in: this browser may try the account's password while it is under attack. */
const DEVICE_COOKIE = "wz_device";
const DEVICE_COOKIE_DAYS = 180;
// Verified against when the username is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** Only local console paths may follow sign-in: never an open redirect. */
export const safeNext = (next: unknown) =>
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
    const now = Date.now();
    const login = form.username.toLowerCase();
    // Refused before the password is even checked, so a waiting guesser learns nothing.
    const wait = await signInWait(c, login, now);
    if (wait !== null) {
      c.header("Retry-After", String(wait));
      return signInAgain(c, form, consoleText().loginThrottled, 429);
    }
    const user = await userByUsername(c.env.DB, form.username);
    const ok = await verifyPassword(form.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabledAt) {
      await signInFailed(c, login, now);
      return signInAgain(c, form, consoleText().loginWrong, 401);
    }
    // The password is at hand only now: a hash under older, weaker parameters is replaced.
    if (needsRehash(user.passwordHash)) await setPasswordHash(c.env.DB, user.id, await hashPassword(form.password));
    if (user.totpSecret) {
      // The account's failures are cleared only by the code: a stolen password alone resets nothing.
      await startSession(c, user.id, new Date(now), true);
      return c.redirect(`${VERIFY_PATH}?next=${encodeURIComponent(form.next)}`, 303);
    }
    return signedIn(c, login, user.id, form.next, now);
  },
);

/** Seconds the next attempt for `login` from this client must wait (address or account backoff), or null. */
export async function signInWait(c: Context<DeskEnv>, login: string, now: number): Promise<number | null> {
  const [account, address] = [accountKey(login), addressKey(clientIp((n) => c.req.header(n)))];
  const counts = await failuresOf(c.env.DB, [account, address]);
  const knownDevice = timingSafeEqual(getCookie(c, DEVICE_COOKIE) ?? "", await deviceCookie(c, login));
  const wait = Math.max(
    waitUntil(counts.get(address) ?? null, ADDRESS_THRESHOLD, now) ?? 0,
    knownDevice ? 0 : (waitUntil(counts.get(account) ?? null, ACCOUNT_THRESHOLD, now) ?? 0),
  );
  return wait > now ? Math.ceil((wait - now) / 1000) : null;
}

/** A wrong password or code: one more failure for the account and for the client's address. */
export const signInFailed = (c: Context<DeskEnv>, login: string, now: number) =>
  recordFailure(c.env.DB, [accountKey(login), addressKey(clientIp((n) => c.req.header(n)))], now);

const deviceCookie = async (c: Context<DeskEnv>, login: string) =>
  `${encodeURIComponent(login)}.${await deviceToken(c.env.SESSION_SECRET, login)}`;

/** Every factor passed: the account's failures are forgotten, this browser remembered, a session opened. */
export async function signedIn(c: Context<DeskEnv>, login: string, userId: string, next: string, now: number) {
  await clearFailures(c.env.DB, accountKey(login));
  setCookie(c, DEVICE_COOKIE, await deviceCookie(c, login), {
    httpOnly: true,
    sameSite: "Strict",
    path: "/console",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: DEVICE_COOKIE_DAYS * 86_400,
  });
  await startSession(c, userId, new Date(now));
  return c.redirect(next, 303);
}

/** Signing out: behind the sign-in check and the CSRF token like every other form. */
export const signOut = new Hono<DeskEnv>();

signOut.post("/", async (c) => {
  await endSession(c, c.get("staff").sessionId, new Date());
  return c.redirect("/console/login", 303);
});
