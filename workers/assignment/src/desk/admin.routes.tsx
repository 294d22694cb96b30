import { type Context, Hono } from "hono";
import type * as z from "zod";
import { hashPassword } from "../../../../shared/auth/password";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { randomId } from "../../../../shared/domain/ids";
import { type FieldErrors, formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { AdminPage } from "../console/admin-page";
import { ApiKeyForm, IdForm, RoutingRuleForm, RuleKeyForm, UserForm, WordForm } from "./admin.schema";
import {
  addScreenWord,
  adminOverview,
  createApiKey,
  createUser,
  deleteRoutingRule,
  deleteScreenWord,
  disableUser,
  revokeApiKey,
  saveRoutingRule,
  usernameTaken,
} from "./admin-queries";
import { knownDepartments } from "./desk-queries";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** Admin pages: the 派单目录, word list, users and partner API keys. Admins only. */
export const admin = new Hono<DeskEnv>();
admin.use(requirePermission("admin.manage"));

const render = async (
  c: Context<DeskEnv>,
  extra: { error?: string; newKey?: { partnerName: string; plaintext: string } } = {},
  status: 200 | 400 = 200,
) =>
  c.html(
    <AdminPage staff={c.get("staff")} data={await adminOverview(c.env.DB)} error={extra.error} newKey={extra.newKey} />,
    status,
  );

/** An admin form; on failure the page comes back with the reasons and nothing changes. */
const form = <T extends z.ZodType>(schema: T) =>
  formValidator(schema, (c: Context<DeskEnv>, errors: FieldErrors) => {
    const detail = Object.entries(errors)
      .map(([field, message]) => `${field}: ${message}`)
      .join("；");
    return render(c, { error: consoleText().inputError(detail) }, 400);
  });

const done = (c: Context<DeskEnv>, anchor: string) => c.redirect(`/console/admin#${anchor}`, 303);
const departmentExists = async (db: D1Database, id: string) => (await knownDepartments(db, [id])).has(id);

admin.get("/", (c) => render(c));

admin.post("/routing", form(RoutingRuleForm), async (c) => {
  const f = c.req.valid("form");
  if (!(await departmentExists(c.env.DB, f.departmentId)))
    return render(c, { error: consoleText().noSuchDepartment }, 400);
  await saveRoutingRule(c.env.DB, {
    category: f.category,
    regionCode: f.regionCode,
    departmentId: f.departmentId,
    updatedAt: new Date().toISOString(),
  });
  return done(c, "routing");
});

admin.post("/routing/delete", form(RuleKeyForm), async (c) => {
  const f = c.req.valid("form");
  await deleteRoutingRule(c.env.DB, f.category, f.regionCode);
  return done(c, "routing");
});

admin.post("/words", form(WordForm), async (c) => {
  await addScreenWord(c.env.DB, c.req.valid("form").word, new Date().toISOString());
  return done(c, "words");
});

admin.post("/words/delete", form(IdForm), async (c) => {
  await deleteScreenWord(c.env.DB, c.req.valid("form").id);
  return done(c, "words");
});

admin.post("/users", form(UserForm), async (c) => {
  const f = c.req.valid("form");
  if (await usernameTaken(c.env.DB, f.username)) return render(c, { error: consoleText().usernameTaken }, 400);
  if (!(await departmentExists(c.env.DB, f.departmentId)))
    return render(c, { error: consoleText().noSuchDepartment }, 400);
  await createUser(c.env.DB, {
    id: randomId(),
    username: f.username,
    displayName: f.displayName,
    role: f.role,
    departmentId: f.departmentId,
    publicTitle: f.publicTitle ?? null,
    passwordHash: await hashPassword(f.password),
  });
  return done(c, "users");
});

admin.post("/users/disable", form(IdForm), async (c) => {
  const f = c.req.valid("form");
  if (f.id === c.get("staff").userId) return render(c, { error: consoleText().cannotDisableSelf }, 400);
  await disableUser(c.env.DB, f.id, new Date().toISOString());
  return done(c, "users");
});

admin.post("/keys", form(ApiKeyForm), async (c) => {
  const { partnerName } = c.req.valid("form");
  const plaintext = `wz_${randomId().toLowerCase()}${randomId().toLowerCase()}`;
  await createApiKey(c.env.DB, {
    id: randomId(),
    partnerName,
    keyHash: sha256Hex(plaintext),
    createdAt: new Date().toISOString(),
  });
  return render(c, { newKey: { partnerName, plaintext } });
});

admin.post("/keys/revoke", form(IdForm), async (c) => {
  await revokeApiKey(c.env.DB, c.req.valid("form").id, new Date().toISOString());
  return done(c, "keys");
});
