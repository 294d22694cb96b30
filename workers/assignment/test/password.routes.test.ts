import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../../shared/auth/password";
import { totpCode } from "../../../shared/auth/totp";
import { ConsoleClient } from "./console";

/** An admin as `npm run admin:create` makes one: a one-time password, to be changed first. */
async function firstAdmin(oneTime: string) {
  const username = `first-admin-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare(
    "INSERT INTO users (id, username, display_name, role, department_id, password_hash, password_change_required) VALUES (?, ?, '平台管理员', 'admin', 'pl-office', ?, 1)",
  )
    .bind(crypto.randomUUID(), username, await hashPassword(oneTime))
    .run();
  return username;
}

describe("an account on its one-time password", () => {
  it("sees only the new-password form until it sets one, then the console as usual", async () => {
    const username = await firstAdmin("one-time-pass-123");
    const admin = await ConsoleClient.signIn(username, "one-time-pass-123");
    const blocked = await admin.get("/console/admin");
    expect(blocked.status).toBe(303);
    expect(blocked.headers.get("location")).toBe("/console/password");
    expect((await admin.post("/console/admin/widget-origins", { origin: "https://a.example.cn" })).status).toBe(403);

    expect((await admin.get("/console/password")).status).toBe(200);
    for (const [fields, message] of [
      [{ current: "one-time-pass-123", next: "short", repeat: "short" }, "至少 10 位"],
      [{ current: "one-time-pass-123", next: "a-new-secret-1", repeat: "a-new-secret-2" }, "不一致"],
      [{ current: "one-time-pass-123", next: "one-time-pass-123", repeat: "one-time-pass-123" }, "不能与当前密码相同"],
      [{ current: "wrong-password-9", next: "a-new-secret-1", repeat: "a-new-secret-1" }, "当前密码不正确"],
    ] as const) {
      const res = await admin.post("/console/password", fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect((await admin.get("/console/admin")).status).toBe(303); // still closed

    const changed = await admin.post("/console/password", {
      current: "one-time-pass-123",
      next: "a-new-secret-1",
      repeat: "a-new-secret-1",
    });
    expect(changed.status).toBe(303);
    // An admin must use a second factor: the security page is the only one open until it is set up.
    const setUpFirst = await admin.get("/console/admin");
    expect(setUpFirst.headers.get("location")).toBe("/console/security");
    const setup = await (await admin.get("/console/security/totp")).text();
    const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(setup)?.[1] ?? "";
    expect(setup).toContain("<svg");
    const codes = await admin.post("/console/security/totp", { secret, code: totpCode(secret, Date.now()) });
    expect(codes.status).toBe(200);
    expect((await codes.text()).match(/<code>[a-z2-9]{5}-[a-z2-9]{5}<\/code>/g)).toHaveLength(10);
    expect((await admin.get("/console/admin")).status).toBe(200);
    await expect(ConsoleClient.signIn(username, "one-time-pass-123")).rejects.toThrow(/failed/);
    expect(await ConsoleClient.signIn(username, "a-new-secret-1")).toBeInstanceOf(ConsoleClient);
  });
});
