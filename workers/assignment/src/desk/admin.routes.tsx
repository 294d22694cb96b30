import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type * as z from "zod";
import { hashPassword } from "../../../../shared/auth/password";
import { getDb } from "../../../../shared/db/case-queries";
import { routingRules, screenWords } from "../../../../shared/db/desk-schema";
import { apiKeys, departments, users } from "../../../../shared/db/schema";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { randomId } from "../../../../shared/domain/ids";
import { can } from "../../../../shared/domain/permissions";
import { AdminPage } from "../console/admin-page";
import { ApiKeyForm, formObject, IdForm, RoutingRuleForm, RuleKeyForm, UserForm, WordForm } from "./admin.schema";
import { adminOverview } from "./admin-queries";
import { clocksAdmin } from "./clocks-admin.routes";
import { type DeskEnv, requireStaff } from "./session";

/** Admin pages: the 派单目录, word list, users and partner API keys. Admins only. */
export const admin = new Hono<DeskEnv>();
admin.use("/console/admin", requireStaff);
admin.use("/console/admin/*", requireStaff);
admin.use("/console/admin*", async (c, next) => {
  if (!can(c.get("staff"), "admin.manage")) return c.text("没有权限 / not allowed", 403);
  await next();
});

const render = async (
  c: Context<DeskEnv>,
  extra: { error?: string; newKey?: { partnerName: string; plaintext: string } } = {},
  status: 200 | 400 = 200,
) =>
  c.html(
    <AdminPage staff={c.get("staff")} data={await adminOverview(c.env.DB)} error={extra.error} newKey={extra.newKey} />,
    status,
  );

admin.get("/console/admin", (c) => render(c));
admin.route("/", clocksAdmin);

/** Parses an admin form; on failure the page comes back with the reason and nothing changes. */
async function parse<T extends z.ZodType>(c: Context<DeskEnv>, schema: T): Promise<z.infer<T> | Response> {
  const parsed = schema.safeParse(formObject(await c.req.parseBody()));
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("；");
  return render(c, { error: `输入有误：${detail}` }, 400);
}

const done = (c: Context<DeskEnv>, anchor: string) => c.redirect(`/console/admin#${anchor}`, 303);

admin.post("/console/admin/routing", async (c) => {
  const f = await parse(c, RoutingRuleForm);
  if (f instanceof Response) return f;
  const [dept] = await getDb(c.env.DB)
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, f.departmentId));
  if (!dept) return render(c, { error: "没有这个单位。" }, 400);
  const row = {
    category: f.category,
    regionCode: f.regionCode,
    departmentId: f.departmentId,
    updatedAt: new Date().toISOString(),
  };
  await getDb(c.env.DB)
    .insert(routingRules)
    .values(row)
    .onConflictDoUpdate({ target: [routingRules.category, routingRules.regionCode], set: row });
  return done(c, "routing");
});

admin.post("/console/admin/routing/delete", async (c) => {
  const f = await parse(c, RuleKeyForm);
  if (f instanceof Response) return f;
  await getDb(c.env.DB)
    .delete(routingRules)
    .where(and(eq(routingRules.category, f.category), eq(routingRules.regionCode, f.regionCode)));
  return done(c, "routing");
});

admin.post("/console/admin/words", async (c) => {
  const f = await parse(c, WordForm);
  if (f instanceof Response) return f;
  await getDb(c.env.DB)
    .insert(screenWords)
    .values({ word: f.word, createdAt: new Date().toISOString() })
    .onConflictDoNothing();
  return done(c, "words");
});

admin.post("/console/admin/words/delete", async (c) => {
  const f = await parse(c, IdForm);
  if (f instanceof Response) return f;
  await getDb(c.env.DB).delete(screenWords).where(eq(screenWords.word, f.id));
  return done(c, "words");
});

admin.post("/console/admin/users", async (c) => {
  const f = await parse(c, UserForm);
  if (f instanceof Response) return f;
  const d = getDb(c.env.DB);
  const [taken] = await d.select({ id: users.id }).from(users).where(eq(users.username, f.username));
  if (taken) return render(c, { error: "用户名已被使用。" }, 400);
  const [dept] = await d.select({ id: departments.id }).from(departments).where(eq(departments.id, f.departmentId));
  if (!dept) return render(c, { error: "没有这个单位。" }, 400);
  const passwordHash = await hashPassword(f.password);
  await d.insert(users).values({
    id: randomId(),
    username: f.username,
    displayName: f.displayName,
    role: f.role,
    departmentId: f.departmentId,
    publicTitle: f.publicTitle ?? null,
    passwordHash,
  });
  return done(c, "users");
});

admin.post("/console/admin/users/disable", async (c) => {
  const f = await parse(c, IdForm);
  if (f instanceof Response) return f;
  if (f.id === c.get("staff").userId) return render(c, { error: "不能停用自己的账号。" }, 400);
  await getDb(c.env.DB).update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, f.id));
  return done(c, "users");
});

admin.post("/console/admin/keys", async (c) => {
  const f = await parse(c, ApiKeyForm);
  if (f instanceof Response) return f;
  const plaintext = `wz_${randomId().toLowerCase()}${randomId().toLowerCase()}`;
  await getDb(c.env.DB)
    .insert(apiKeys)
    .values({
      id: randomId(),
      partnerName: f.partnerName,
      keyHash: sha256Hex(plaintext),
      createdAt: new Date().toISOString(),
    });
  return render(c, { newKey: { partnerName: f.partnerName, plaintext } });
});

admin.post("/console/admin/keys/revoke", async (c) => {
  const f = await parse(c, IdForm);
  if (f instanceof Response) return f;
  await getDb(c.env.DB).update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(eq(apiKeys.id, f.id));
  return done(c, "keys");
});
