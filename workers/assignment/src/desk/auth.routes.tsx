import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { verifyPassword } from "../../../../shared/auth/password";
import { timingSafeEqual } from "../../../../shared/auth/signing";
import { getDb } from "../../../../shared/db/case-queries";
import { users } from "../../../../shared/db/schema";
import { clientIp } from "../../../../shared/http/client-ip";
import { ConsoleLayout } from "../console/console-layout";
import { type DeskEnv, endSession, requireStaff, startSession } from "./session";

const LOGIN_CSRF_COOKIE = "wz_login";
// Verified against when the username is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export const auth = new Hono<DeskEnv>();

function LoginPage(props: { token: string; next: string; error?: string; username?: string }) {
  return (
    <ConsoleLayout title="登录" staff={null}>
      <h1>工作人员登录</h1>
      {props.error && (
        <div class="errors" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <form method="post" action="/console/login" class="card">
        <input type="hidden" name="_login" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <label for="username">用户名</label>
        <input
          type="text"
          id="username"
          name="username"
          value={props.username ?? ""}
          autocomplete="username"
          required
        />
        <label for="password">密码</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit">登录</button>
      </form>
    </ConsoleLayout>
  );
}

/** Only local console paths may follow sign-in: never an open redirect. */
const safeNext = (next: unknown) =>
  typeof next === "string" && /^\/console(\/[\w\-/]*)?$/.test(next) ? next : "/console";

auth.get("/console/login", (c) => {
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

auth.post("/console/login", async (c) => {
  const form = await c.req.parseBody();
  const username = typeof form.username === "string" ? form.username.trim().slice(0, 64) : "";
  const password = typeof form.password === "string" ? form.password.slice(0, 256) : "";
  const token = typeof form._login === "string" ? form._login : "";
  const next = safeNext(form.next);
  const again = (error: string, status: 400 | 401 | 403 | 429) => {
    const fresh = crypto.randomUUID();
    setCookie(c, LOGIN_CSRF_COOKIE, fresh, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/console",
      secure: new URL(c.req.url).protocol === "https:",
    });
    return c.html(<LoginPage token={fresh} next={next} error={error} username={username} />, status);
  };
  if (!token || !timingSafeEqual(token, getCookie(c, LOGIN_CSRF_COOKIE) ?? ""))
    return again("登录表单已失效，请重试。", 403);
  const ip = clientIp((n) => c.req.header(n));
  const login = username.toLowerCase();
  const checks = await Promise.all([
    c.env.SIGNIN_LIMITER.limit({ key: `${ip}:${login}` }),
    c.env.SIGNIN_IP_LIMITER.limit({ key: ip }),
    c.env.SIGNIN_USER_LIMITER.limit({ key: login }),
  ]);
  if (checks.some((r) => !r.success)) {
    c.header("Retry-After", "60");
    return again("登录尝试过于频繁，请一分钟后再试。", 429);
  }
  const [user] = await getDb(c.env.DB).select().from(users).where(eq(users.username, username)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) return again("用户名或密码不正确。", 401);
  await startSession(c, user.id, new Date());
  return c.redirect(next, 303);
});

auth.post("/console/logout", requireStaff, async (c) => {
  await endSession(c, c.get("staff").sessionId, new Date());
  return c.redirect("/console/login", 303);
});
