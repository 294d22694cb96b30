import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConsoleClient } from "./console";

const PATH = "/console/admin/widget-origins";
const stored = async () =>
  (await env.DB.prepare("SELECT origin, partner_name FROM widget_origins ORDER BY origin").all()).results;

describe("widget origins (iframe frame-ancestors)", () => {
  it("are for admins only", async () => {
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect((await dispatcher.get(PATH)).status).toBe(403);
    expect((await dispatcher.post(PATH, { origin: "https://news.example.cn", partnerName: "平凉日报" })).status).toBe(
      403,
    );
    expect(await stored()).toEqual([]);
  });

  it("adds an origin in its browser form, refuses bad ones with the reason, and removes it", async () => {
    const admin = await ConsoleClient.signIn("admin");
    expect((await admin.get(PATH)).status).toBe(200);
    expect((await admin.post(PATH, { origin: "HTTPS://News.Example.CN/", partnerName: "平凉日报" })).status).toBe(303);
    expect((await admin.post(PATH, { origin: "http://localhost:8790", partnerName: "本地演示" })).status).toBe(303);
    expect(await stored()).toEqual([
      { origin: "http://localhost:8790", partner_name: "本地演示" },
      { origin: "https://news.example.cn", partner_name: "平凉日报" },
    ]);
    expect(await (await admin.get(PATH)).text()).toContain("https://news.example.cn");

    for (const [origin, reason] of [
      ["http://news.example.cn", "必须使用 https"],
      ["https://news.example.cn/widget", "不含路径"],
      ["https://*.example.cn", "通配符"],
      ["not a url", "不是有效的网址"],
    ]) {
      const res = await admin.post(PATH, { origin: origin ?? "", partnerName: "坏例子" });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(reason);
    }
    expect(
      (await admin.post(PATH, { origin: "https://ok.example.cn", partnerName: "x", createdAt: "2000" })).status,
    ).toBe(400);
    expect(await stored()).toHaveLength(2);

    expect((await admin.post(`${PATH}/delete`, { origin: "https://news.example.cn" })).status).toBe(303);
    expect(await stored()).toEqual([{ origin: "http://localhost:8790", partner_name: "本地演示" }]);
  });

  it("refuses a form without the session's CSRF token", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(PATH);
    expect(
      (await admin.post(PATH, { origin: "https://csrf.example.cn", partnerName: "跨站" }, { withCsrf: false })).status,
    ).toBe(403);
    expect((await stored()).map((r) => r.origin)).not.toContain("https://csrf.example.cn");
  });
});
