import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { ConsoleClient } from "./console";

describe("admin pages", () => {
  it("are for admins only", async () => {
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    await dispatcher.get("/console/dispatch");
    expect((await dispatcher.get("/console/admin")).status).toBe(403);
    expect((await dispatcher.post("/console/admin/words", { word: "测试词语" })).status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM screen_words WHERE word = '测试词语'").first("n")).toBe(0);
  });

  it("edit the 派单目录 and the word list, refusing bad input without a change", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    expect(
      (
        await admin.post("/console/admin/routing", {
          category: "health",
          regionCode: "620821",
          departmentId: "jingchuan",
        })
      ).status,
    ).toBe(303);
    expect(
      await env.DB.prepare(
        "SELECT department_id FROM routing_rules WHERE category = 'health' AND region_code = '620821'",
      ).first("department_id"),
    ).toBe("jingchuan");
    const bad = await admin.post("/console/admin/routing", {
      category: "health",
      regionCode: "abc",
      departmentId: "jingchuan",
    });
    expect(bad.status).toBe(400);
    const unknownDept = await admin.post("/console/admin/routing", {
      category: "health",
      regionCode: "620822",
      departmentId: "nowhere",
    });
    expect(unknownDept.status).toBe(400);
    expect(
      await env.DB.prepare(
        "SELECT count(*) AS n FROM routing_rules WHERE region_code IN ('abc', '620822') AND category = 'health'",
      ).first("n"),
    ).toBe(0);
    expect((await admin.post("/console/admin/words", { word: "刷单返利" })).status).toBe(303);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM screen_words WHERE word = '刷单返利'").first("n")).toBe(1);
    const massAssigned = await admin.post("/console/admin/words", { word: "另一个词", createdAt: "2000-01-01" });
    expect(massAssigned.status).toBe(400);
  });

  it("creates a user who can sign in, and disabling them ends their session", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    const created = await admin.post("/console/admin/users", {
      username: "new.handler",
      displayName: "新承办人",
      role: "handler",
      departmentId: "pl-health",
      password: "a-long-password",
    });
    expect(created.status).toBe(303);
    const user = await ConsoleClient.signIn("new.handler", "a-long-password");
    expect((await user.get("/console/inbox")).status).toBe(200);
    const row = await env.DB.prepare("SELECT id, password_hash FROM users WHERE username = 'new.handler'").first<{
      id: string;
      password_hash: string;
    }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    await admin.get("/console/admin");
    expect((await admin.post("/console/admin/users/disable", { id: row?.id ?? "" })).status).toBe(303);
    expect((await user.get("/console/inbox")).status).toBe(303); // back to the sign-in page
  });

  it("creates a partner API key shown once and stored only as a hash, and revokes it", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    const page = await (await admin.post("/console/admin/keys", { partnerName: "平凉日报" })).text();
    const plaintext = /data-testid="new-api-key">([^<]+)</.exec(page)?.[1] ?? "";
    expect(plaintext).toMatch(/^wz_[0-9a-z]{40,}$/);
    const row = await env.DB.prepare("SELECT id, key_hash FROM api_keys WHERE partner_name = '平凉日报'").first<{
      id: string;
      key_hash: string;
    }>();
    expect(row?.key_hash).toBe(sha256Hex(plaintext));
    expect(await (await admin.get("/console/admin")).text()).not.toContain(plaintext);
    // The quota a minute: 600 by default, set per key, refused out of range without a change.
    const quota = () =>
      env.DB.prepare("SELECT quota_per_minute AS q FROM api_keys WHERE id = ?").bind(row?.id).first("q");
    expect(await quota()).toBe(600);
    expect((await admin.post("/console/admin/keys/quota", { id: row?.id ?? "", quotaPerMinute: "1200" })).status).toBe(
      303,
    );
    expect(await quota()).toBe(1200);
    expect((await admin.post("/console/admin/keys/quota", { id: row?.id ?? "", quotaPerMinute: "-1" })).status).toBe(
      400,
    );
    expect((await admin.post("/console/admin/keys/quota", { id: row?.id ?? "", quotaPerMinute: "lots" })).status).toBe(
      400,
    );
    expect(await quota()).toBe(1200);
    expect((await admin.post("/console/admin/keys/revoke", { id: row?.id ?? "" })).status).toBe(303);
    expect(
      await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(row?.id).first("revoked_at"),
    ).not.toBeNull();
  });
});

describe("time limits and the calendar", () => {
  it("edits a rule and refuses a broken ladder without a change", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin/clocks");
    const fields = {
      limitValue: "3",
      unit: "working_days",
      extensionCapDays: "5",
      maxExtensions: "1",
      returnWindowDays: "2",
      escalation: '{"remind50":0.5,"urge":1,"superviseAfterWorkingDays":1,"noticeAfterWorkingDays":3}',
    };
    expect((await admin.post("/console/admin/clocks/rules/consult-reply", fields)).status).toBe(303);
    const rule = await env.DB.prepare(
      "SELECT limit_value, extension_cap_days, escalation FROM time_limit_rules WHERE id = 'consult-reply'",
    ).first<{ limit_value: number; extension_cap_days: number; escalation: string }>();
    expect(rule).toMatchObject({ limit_value: 3, extension_cap_days: 5 });
    expect(JSON.parse(rule?.escalation ?? "{}")).toEqual({
      remind50: 0.5,
      urge: 1,
      superviseAfterWorkingDays: 1,
      noticeAfterWorkingDays: 3,
    });

    const broken = await admin.post("/console/admin/clocks/rules/consult-reply", {
      ...fields,
      limitValue: "7",
      escalation: '{"whenever":1}',
    });
    expect(broken.status).toBe(400);
    expect(
      await env.DB.prepare("SELECT limit_value FROM time_limit_rules WHERE id = 'consult-reply'").first("limit_value"),
    ).toBe(3);
  });

  it("adds next year's holidays as a new calendar version and leaves the old one intact", async () => {
    const admin = await ConsoleClient.signIn("admin");
    const before = await (await admin.get("/console/admin/clocks")).text();
    expect(before).toContain("2027 年没有官方数据，按普通周末计算");
    const lines = [
      "2027-01-01 holiday 元旦",
      "2027-02-06 holiday 春节",
      "2027-02-07 holiday 春节",
      "2027-04-05 holiday 清明节",
      "2027-10-01 holiday 国庆节",
      "2027-02-14 workday",
    ].join("\n");
    expect(
      (await admin.post("/console/admin/clocks/calendar", { note: "2027 年放假安排（测试）", lines })).status,
    ).toBe(303);
    const versions = await env.DB.prepare(
      "SELECT version, (SELECT count(*) FROM calendar_days d WHERE d.version = v.version) AS days FROM calendar_versions v ORDER BY version",
    ).all<{ version: number; days: number }>();
    expect(versions.results.map((v) => v.version)).toEqual([1, 2]);
    expect((versions.results[1]?.days ?? 0) - (versions.results[0]?.days ?? 0)).toBe(6);
    expect(await (await admin.get("/console/admin/clocks")).text()).toContain("2027 年有官方放假安排");

    const bad = await admin.post("/console/admin/clocks/calendar", {
      note: "错误",
      lines: "2027-13-40 holiday\nnot a date",
    });
    expect(bad.status).toBe(400);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM calendar_versions").first("n")).toBe(2);
  });
});

describe("sign-in limits after review", () => {
  it("stops one address spraying a password over many usernames", async () => {
    const client = new ConsoleClient("10.77.0.1");
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await client.login(`nobody-${i}`, "Password1!")).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
