import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConsoleClient } from "./console";
import { submitCase } from "./helpers";

const BASE = "/console/admin/structure";
const unique = () => crypto.randomUUID().slice(0, 8);
const auditOf = (entityId: string) =>
  env.DB.prepare("SELECT actor_name, action, before, after FROM audit_log WHERE entity_id = ? ORDER BY id")
    .bind(entityId)
    .all<{ actor_name: string; action: string; before: string | null; after: string | null }>()
    .then((r) => r.results);
const auditCount = () => env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n");

const department = (id: string, extra: Record<string, string> = {}) => ({
  id,
  name: `测试局${id}`,
  kind: "municipal",
  regionCode: "620800",
  ...extra,
});

describe("city structure pages", () => {
  it("are for admins only", async () => {
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect((await dispatcher.get(BASE)).status).toBe(403);
    expect((await dispatcher.get("/console/admin/audit")).status).toBe(403);
    const id = `t-${unique()}`;
    expect((await dispatcher.post(`${BASE}/department`, department(id))).status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM departments WHERE id = ?").bind(id).first("n")).toBe(0);
  });

  it("create a department with its audit record, and refuse bad input naming the field, changing nothing", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(BASE);
    const id = `t-${unique()}`;
    const created = await admin.post(`${BASE}/department`, department(id, { headName: "张三", headTitle: "局长" }));
    expect(created.status).toBe(303);
    const row = await env.DB.prepare("SELECT name, parent_id, head_name, deactivated_at FROM departments WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ name: `测试局${id}`, parent_id: "pl-office", head_name: "张三", deactivated_at: null });
    const [entry] = await auditOf(id);
    expect(entry?.actor_name).toBe("admin");
    expect(entry?.action).toBe("department.create");
    expect(JSON.parse(entry?.after ?? "{}")).toMatchObject({ name: `测试局${id}`, headTitle: "局长" });

    const before = await auditCount();
    for (const [fields, message] of [
      [department("Bad Id"), "lower-case"],
      [department(id), "已经存在"],
      [department(`t-${unique()}`, { regionCode: "999999" }), "不存在或已停用"],
      [department(`t-${unique()}`, { parentId: "nowhere" }), "不存在或已停用"],
      [department(`t-${unique()}`, { kind: "office" }), "只能有一个网络问政办"],
      [department(`t-${unique()}`, { kind: "ministry" }), "kind"],
    ] as const) {
      const res = await admin.post(`${BASE}/department`, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const page = await res.text();
      expect(page).toContain(message);
      expect(page).toContain('aria-invalid="true"');
    }
    expect(await auditCount()).toBe(before);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM departments WHERE name LIKE ?").bind("测试局Bad%").first("n"),
    ).toBe(0);
  });

  it("edit a row keeping its key, and record the row before and after", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(BASE);
    const code = `m-${unique()}`;
    expect(
      (await admin.post(`${BASE}/mailbox`, { code, name: "副市长信箱", departmentId: "pl-mayor-office" })).status,
    ).toBe(303);
    const form = await admin.get(`${BASE}/mailbox/${code}`);
    expect(await form.text()).toContain("副市长信箱");
    const bad = await admin.post(`${BASE}/mailbox/${code}`, { name: "", departmentId: "pl-mayor-office" });
    expect(bad.status).toBe(400);
    expect(
      (await admin.post(`${BASE}/mailbox/${code}`, { name: "常务副市长信箱", departmentId: "pl-mayor-office" })).status,
    ).toBe(303);
    expect(await env.DB.prepare("SELECT name FROM addressees WHERE code = ?").bind(code).first("name")).toBe(
      "常务副市长信箱",
    );
    const update = (await auditOf(code)).find((e) => e.action === "mailbox.update");
    expect(JSON.parse(update?.before ?? "{}").name).toBe("副市长信箱");
    expect(JSON.parse(update?.after ?? "{}").name).toBe("常务副市长信箱");
    expect((await admin.get(`${BASE}/mailbox/nowhere`)).status).toBe(404);
  });

  it("refuse to deactivate a department holding open cases, and take a deactivated one out of routing", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(BASE);
    const busy = `t-${unique()}`;
    expect((await admin.post(`${BASE}/department`, department(busy))).status).toBe(303);
    const open = await submitCase();
    await env.DB.prepare("UPDATE cases SET department_id = ?, status = 'assigned' WHERE case_id = ?")
      .bind(busy, open.caseId)
      .run();
    const refused = await admin.post(`${BASE}/department/${busy}/deactivate`, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("还有 1 件未办结的留言");
    expect((await admin.post(`${BASE}/department/pl-office/deactivate`, {})).status).toBe(400);

    const idle = `t-${unique()}`;
    expect((await admin.post(`${BASE}/department`, department(idle))).status).toBe(303);
    expect((await admin.post(`${BASE}/department/${idle}/deactivate`, {})).status).toBe(303);
    expect(
      await env.DB.prepare("SELECT deactivated_at FROM departments WHERE id = ?").bind(idle).first("deactivated_at"),
    ).not.toBeNull();
    const rule = await admin.post("/console/admin/routing", {
      category: "health",
      regionCode: "620826",
      departmentId: idle,
    });
    expect(rule.status).toBe(400);
    expect((await admin.post(`${BASE}/department/${idle}/reactivate`, {})).status).toBe(303);
    expect((await auditOf(idle)).map((e) => e.action)).toEqual([
      "department.create",
      "department.deactivate",
      "department.reactivate",
    ]);
  });

  it("make a spokesperson's account without recording the password, and deactivating it ends the sign-in", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(BASE);
    const username = `sp-${unique()}`;
    const created = await admin.post(`${BASE}/spokesperson`, {
      username,
      displayName: "赵敏",
      publicTitle: "市卫健委副主任、网络发言人",
      departmentId: "pl-health",
      password: "a-strong-secret-9",
    });
    expect(created.status).toBe(303);
    const id = await env.DB.prepare("SELECT id FROM users WHERE username = ? AND role = 'spokesperson'")
      .bind(username)
      .first<string>("id");
    expect(id).toBeTruthy();
    const [entry] = await auditOf(id ?? "");
    expect(entry?.action).toBe("user.create");
    expect(entry?.after).not.toMatch(/a-strong-secret-9|pbkdf2|password"/);
    expect(await ConsoleClient.signIn(username, "a-strong-secret-9")).toBeInstanceOf(ConsoleClient);
    expect((await admin.post(`${BASE}/spokesperson/${id}/deactivate`, {})).status).toBe(303);
    await expect(ConsoleClient.signIn(username, "a-strong-secret-9")).rejects.toThrow(/failed/);
  });
});

describe("staff accounts and the audit log", () => {
  it("reset a password to a one-time one shown once, which must be changed at sign-in", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    const username = `clerk-${unique()}`;
    expect(
      (
        await admin.post("/console/admin/users", {
          username,
          displayName: "钱多多",
          role: "handler",
          departmentId: "pl-health",
          password: "first-password-1",
        })
      ).status,
    ).toBe(303);
    const id = await env.DB.prepare("SELECT id FROM users WHERE username = ?").bind(username).first<string>("id");
    const reset = await admin.post("/console/admin/users/reset-password", { id: id ?? "" });
    expect(reset.status).toBe(200);
    const oneTime = /data-testid="one-time-password">([^<]+)</.exec(await reset.text())?.[1] ?? "";
    expect(oneTime).toMatch(/^[A-Za-z2-9]{16}$/);
    await expect(ConsoleClient.signIn(username, "first-password-1")).rejects.toThrow(/failed/);
    const clerk = await ConsoleClient.signIn(username, oneTime);
    const first = await clerk.get("/console");
    expect(first.headers.get("location")).toBe("/console/password");
    expect((await auditOf(id ?? "")).map((e) => e.action)).toEqual(["user.create", "user.password-reset"]);
    expect(JSON.stringify(await auditOf(id ?? ""))).not.toContain(oneTime);
  });

  it("lists every change newest first, filters by kind, and cannot be rewritten", async () => {
    const admin = await ConsoleClient.signIn("admin");
    await admin.get("/console/admin");
    const word = `审计${unique()}`;
    expect((await admin.post("/console/admin/words", { word })).status).toBe(303);
    const page = await (await admin.get("/console/admin/audit?entity=screen-word")).text();
    expect(page).toContain(word);
    expect(page).toContain("screen-word.add");
    expect(page).not.toContain("department.create");
    await expect(env.DB.prepare("UPDATE audit_log SET actor_name = 'nobody'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
  });
});
