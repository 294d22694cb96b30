import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConsoleClient } from "./console";

const contactOf = (id: string) =>
  env.DB.prepare("SELECT phone, email, lang FROM users WHERE id = ?").bind(id).first<Record<string, string | null>>();

describe("a staff member's own notification settings", () => {
  it("are saved for the account itself, audited with the details masked", async () => {
    const handler = await ConsoleClient.signIn("pl-health-handler");
    const page = await (await handler.get("/console/profile")).text();
    expect(page).toContain('value="pl-health-handler@pingliang.example"');
    const res = await handler.post("/console/profile", {
      phone: "13912345678",
      email: "wang@health.example",
      lang: "en",
    });
    expect(res.status).toBe(303);
    expect(await contactOf("pl-health-handler")).toEqual({
      phone: "13912345678",
      email: "wang@health.example",
      lang: "en",
    });
    const audit = await env.DB.prepare(
      "SELECT after FROM audit_log WHERE action = 'user.contact-change' AND entity_id = ?",
    )
      .bind("pl-health-handler")
      .first<{ after: string }>();
    expect(audit?.after).not.toContain("13912345678");
    // Blank means "not on that channel".
    await handler.post("/console/profile", { phone: "", email: "wang@health.example", lang: "zh-CN" });
    expect((await contactOf("pl-health-handler"))?.phone).toBeNull();
  });

  it("refuse a bad phone or e-mail with the form again and its messages, changing nothing", async () => {
    const handler = await ConsoleClient.signIn("pl-market-handler");
    const before = await contactOf("pl-market-handler");
    await handler.get("/console/profile");
    for (const fields of [
      { phone: "12345", email: "", lang: "zh-CN" },
      { phone: "", email: "not-an-address", lang: "zh-CN" },
      { phone: "", email: "", lang: "fr" },
    ]) {
      const res = await handler.post("/console/profile", fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('role="alert"');
    }
    expect(await contactOf("pl-market-handler")).toEqual(before);
  });
});

describe("the notification log", () => {
  it("is the platform office's: it shows each message, its state and error, and who cannot be reached", async () => {
    await env.DB.prepare(
      `INSERT INTO notifications (id, case_id, tracking_no, recipient_kind, channel, recipient, template, message, status, error, attempts, created_at)
       VALUES ('log-1', 'c1', 'ABCDEFGHJKM1', 'citizen', 'sms', '13800009999', 'citizen.replied', '市住建局已答复您的留言', 'failed', 'isv.MOBILE_NUMBER_ILLEGAL', 1, ?)`,
    )
      .bind(new Date().toISOString())
      .run();
    await env.DB.prepare("UPDATE users SET email = NULL, phone = NULL WHERE id = 'pl-ecology-handler'").run();
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    const failed = await (await dispatcher.get("/console/notifications?status=failed")).text();
    expect(failed).toContain("13800009999");
    expect(failed).toContain("isv.MOBILE_NUMBER_ILLEGAL");
    expect(failed).toContain("ABCD-EFGH-JKM1");
    expect(failed).toMatch(/没有可通知的承办人/);
    expect(await (await dispatcher.get("/console/notifications?status=sent")).text()).not.toContain("13800009999");
    const handler = await ConsoleClient.signIn("pl-housing-handler");
    expect((await handler.get("/console/notifications")).status).toBe(403);
  });
});
