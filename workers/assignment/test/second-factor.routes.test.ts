import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS } from "../../../shared/auth/password";
import { DEMO_TOTP_SECRET } from "../../../shared/auth/second-factor";
import { ACCOUNT_THRESHOLD } from "../../../shared/auth/signin-backoff";
import { totpCode } from "../../../shared/auth/totp";
import { ConsoleClient } from "./console";

let n = 0;
const freshAddress = () => `10.88.${Math.floor(++n / 250)}.${n % 250}`;

/** An account of `role`, optionally with the demo's second factor already set up. */
async function account(role: string, opts: { totp?: boolean; iterations?: number } = {}) {
  const username = `${role}-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare(
    "INSERT INTO users (id, username, display_name, role, department_id, password_hash, totp_secret) VALUES (?, ?, '测试', ?, 'pl-office', ?, ?)",
  )
    .bind(
      username,
      username,
      role,
      await hashPassword("right-password-1", opts.iterations),
      opts.totp ? DEMO_TOTP_SECRET : null,
    )
    .run();
  return username;
}

/** Password right, code still to come: the client sits on the code page. */
async function pending(username: string, ip = freshAddress()) {
  const client = new ConsoleClient(ip);
  const res = await client.login(username, "right-password-1");
  expect(res.headers.get("location")).toBe("/console/verify?next=%2Fconsole");
  await client.get("/console/verify");
  return client;
}
const code = (offsetMs = 0) => totpCode(DEMO_TOTP_SECRET, Date.now() + offsetMs);
const sessionCookie = (c: ConsoleClient) => c.snapshotCookies().find(([k]) => k === "wz_session")?.[1];

describe("two-step verification (TOTP)", () => {
  it("a right password alone opens only the code page; the code opens the console in a new session", async () => {
    const username = await account("dispatcher", { totp: true });
    const client = await pending(username);
    const closed = await client.get("/console/dispatch");
    expect([closed.status, closed.headers.get("location")]).toEqual([303, "/console/verify"]);
    expect((await client.post("/console/profile", { phone: "", email: "", lang: "en" })).status).toBe(403);
    const pendingCookie = sessionCookie(client);
    // The local demo's public secret gets its current code shown; real secrets never do (next test).
    expect(await (await client.get("/console/verify")).text()).toContain("本地演示账号");

    const wrong = await client.post("/console/verify", { code: "000000", next: "/console" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("验证码不正确");
    const ok = await client.post("/console/verify", { code: code(), next: "/console/dispatch" });
    expect([ok.status, ok.headers.get("location")]).toEqual([303, "/console/dispatch"]);
    expect(sessionCookie(client)).not.toBe(pendingCookie);
    expect((await client.get("/console/dispatch")).status).toBe(200);

    // The pending session's cookie, copied before the code, opens nothing.
    const copied = new ConsoleClient(freshAddress());
    copied.restoreCookies([["wz_session", pendingCookie ?? ""]]);
    expect((await copied.get("/console/dispatch")).headers.get("location")).toMatch(/^\/console\/login/);
  });

  it("the same code never works twice (RFC 6238 §5.2), even in another browser", async () => {
    const username = await account("supervisor", { totp: true });
    const used = code();
    expect((await (await pending(username)).post("/console/verify", { code: used, next: "/console" })).status).toBe(
      303,
    );
    const replay = await (await pending(username)).post("/console/verify", { code: used, next: "/console" });
    expect(replay.status).toBe(401);
  });

  it("a recovery code works once; a real secret gets no code hint", async () => {
    const username = await account("handler");
    const owner = await ConsoleClient.signIn(username, "right-password-1");
    const setup = await (await owner.get("/console/security/totp")).text();
    const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(setup)?.[1] ?? "";
    const bad = await owner.post("/console/security/totp", { secret, code: "123456" });
    expect(bad.status).toBe(400);
    const page = await (
      await owner.post("/console/security/totp", { secret, code: totpCode(secret, Date.now()) })
    ).text();
    const [recovery = ""] = [...page.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]);

    const lost = await pending(username);
    expect(await (await lost.get("/console/verify")).text()).not.toContain("本地演示账号");
    expect((await lost.post("/console/verify", { code: recovery.toUpperCase(), next: "/console" })).status).toBe(303);
    const again = await pending(username);
    expect((await again.post("/console/verify", { code: recovery, next: "/console" })).status).toBe(401);
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'user.recovery-code-used' AND entity_id = ?",
    )
      .bind(username)
      .first<{ n: number }>();
    expect(audit?.n).toBe(1);
  });

  it("wrong codes count as failed sign-ins of the account: guessing is throttled like passwords", async () => {
    const username = await account("admin", { totp: true });
    const waiting = await pending(username);
    for (let i = 0; i < ACCOUNT_THRESHOLD; i++)
      expect(
        (await (await pending(username)).post("/console/verify", { code: "111111", next: "/console" })).status,
      ).toBe(401);
    // A browser already on the code page waits too, right code or not; a new one waits at the password.
    const throttled = await waiting.post("/console/verify", { code: code(), next: "/console" });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await new ConsoleClient(freshAddress()).login(username, "right-password-1")).status).toBe(429);
  });

  it("is required for dispatchers, supervisors and admins, and only optional for others", async () => {
    const dispatcher = await account("dispatcher");
    const client = await ConsoleClient.signIn(dispatcher, "right-password-1");
    const kept = await client.get("/console/dispatch");
    expect(kept.headers.get("location")).toBe("/console/security");
    expect(await (await client.get("/console/security")).text()).toContain("必须启用两步验证");

    const handler = await account("handler");
    const free = await ConsoleClient.signIn(handler, "right-password-1");
    expect((await free.get("/console/inbox")).status).toBe(200);

    const required = await ConsoleClient.signIn(await account("supervisor", { totp: true }), "right-password-1");
    await required.get("/console/security");
    const refused = await required.post("/console/security/totp/off", { password: "right-password-1" });
    expect(refused.status).toBe(400);
  });

  it("an optional second factor is turned off only with the password", async () => {
    const username = await account("handler", { totp: true });
    const client = await ConsoleClient.signIn(username, "right-password-1");
    await client.get("/console/security");
    expect((await client.post("/console/security/totp/off", { password: "wrong-password" })).status).toBe(401);
    expect((await client.post("/console/security/totp/off", { password: "right-password-1" })).status).toBe(200);
    const row = await env.DB.prepare("SELECT totp_secret FROM users WHERE username = ?").bind(username).first();
    expect(row?.totp_secret).toBeNull();
    expect((await new ConsoleClient(freshAddress()).login(username, "right-password-1")).headers.get("location")).toBe(
      "/console",
    );
  });
});

describe("sessions", () => {
  it("end after 30 idle minutes", async () => {
    const client = await ConsoleClient.signIn(await account("handler"), "right-password-1");
    expect((await client.get("/console/inbox")).status).toBe(200);
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await env.DB.prepare("UPDATE sessions SET last_seen_at = ?").bind(longAgo).run();
    expect((await client.get("/console/inbox")).headers.get("location")).toMatch(/^\/console\/login/);
  });

  it("sign out everywhere ends every session of the account, and only of that account", async () => {
    const username = await account("handler");
    const [laptop, phone] = [
      await ConsoleClient.signIn(username, "right-password-1"),
      await ConsoleClient.signIn(username, "right-password-1"),
    ];
    const bystander = await ConsoleClient.signIn(await account("handler"), "right-password-1");
    expect(await (await laptop.get("/console/security")).text()).toContain("（本会话）");
    const out = await laptop.post("/console/security/sign-out-everywhere", {});
    expect(out.headers.get("location")).toBe("/console/login");
    for (const c of [laptop, phone]) expect((await c.get("/console/inbox")).status).toBe(303);
    expect((await bystander.get("/console/inbox")).status).toBe(200);
  });

  it("a new password signs out the account's other sessions and keeps this one", async () => {
    const username = await account("handler");
    const [here, elsewhere] = [
      await ConsoleClient.signIn(username, "right-password-1"),
      await ConsoleClient.signIn(username, "right-password-1"),
    ];
    await here.get("/console/password");
    const changed = await here.post("/console/password", {
      current: "right-password-1",
      next: "right-password-2",
      repeat: "right-password-2",
    });
    expect(changed.status).toBe(303);
    expect((await here.get("/console/inbox")).status).toBe(200);
    expect((await elsewhere.get("/console/inbox")).status).toBe(303);
  });
});

describe("password hashing parameters", () => {
  it("a hash made under weaker parameters is replaced at the next sign-in", async () => {
    const username = await account("handler", { iterations: 1_000 });
    const stored = () =>
      env.DB.prepare("SELECT password_hash AS h FROM users WHERE username = ?").bind(username).first<{ h: string }>();
    expect((await stored())?.h).toMatch(/^pbkdf2-sha256\$1000\$/);
    await ConsoleClient.signIn(username, "right-password-1");
    expect((await stored())?.h).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$`));
    await ConsoleClient.signIn(username, "right-password-1");
  });
});

describe("an admin resets a lost second factor", () => {
  it("removes it, ends the account's sessions, and a required role sets it up again", async () => {
    const username = await account("supervisor", { totp: true });
    const victim = await ConsoleClient.signIn(username, "right-password-1");
    const admin = await ConsoleClient.signIn("admin");
    expect(await (await admin.get("/console/admin")).text()).toContain("重置两步验证");
    expect((await admin.post("/console/admin/users/reset-second-factor", { id: username })).status).toBe(303);
    expect((await victim.get("/console/overdue")).status).toBe(303);
    const again = await ConsoleClient.signIn(username, "right-password-1");
    expect((await again.get("/console/security/totp")).status).toBe(200);
    expect((await again.get("/console")).headers.get("location")).toBe("/console/security");
  });
});
