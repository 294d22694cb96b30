import { type Context, Hono } from "hono";
import type * as z from "zod";
import { hashPassword, oneTimePassword } from "../../../../shared/auth/password";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { randomId } from "../../../../shared/domain/ids";
import { type FieldErrors, formValidator } from "../../../../shared/http/form-validator";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { AdminPage, type AdminPageProps } from "../console/admin-page";
import { ApiKeyForm, ApiKeyQuotaForm, IdForm, RoutingRuleForm, RuleKeyForm, UserForm, WordForm } from "./admin.schema";
import {
  addScreenWord,
  adminOverview,
  createApiKey,
  createUser,
  deleteRoutingRule,
  deleteScreenWord,
  findAccount,
  findRoutingRule,
  revokeApiKey,
  saveRoutingRule,
  setApiKeyQuota,
  setOneTimePassword,
  setUserDisabled,
  usernameTaken,
} from "./admin-queries";
import { audited } from "./audit";
import { knownDepartments } from "./desk-queries";
import { requirePermission } from "./require-permission";
import { removeSecondFactor } from "./second-factor-queries";
import type { DeskEnv } from "./session";
import { revokeSessionsOf } from "./session-queries";

/** Admin pages: the 派单目录, word list, users and partner API keys. Admins only. */
export const admin = new Hono<DeskEnv>();
admin.use(requirePermission("admin.manage"));

const render = async (
  c: Context<DeskEnv>,
  extra: Pick<AdminPageProps, "error" | "newKey" | "oneTimePassword"> = {},
  status: 200 | 400 | 404 = 200,
) => c.html(<AdminPage staff={c.get("staff")} data={await adminOverview(c.env.DB)} {...extra} />, status);

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
  const rule = { category: f.category, regionCode: f.regionCode, departmentId: f.departmentId };
  const before = await findRoutingRule(c.env.DB, f.category, f.regionCode);
  await audited(
    c,
    {
      action: "routing-rule.save",
      entity: "routing-rule",
      entityId: `${f.category}|${f.regionCode}`,
      before,
      after: rule,
    },
    [saveRoutingRule(c.env.DB, { ...rule, updatedAt: new Date().toISOString() })],
  );
  return done(c, "routing");
});

admin.post("/routing/delete", form(RuleKeyForm), async (c) => {
  const f = c.req.valid("form");
  const before = await findRoutingRule(c.env.DB, f.category, f.regionCode);
  if (!before) return done(c, "routing");
  await audited(
    c,
    { action: "routing-rule.delete", entity: "routing-rule", entityId: `${f.category}|${f.regionCode}`, before },
    [deleteRoutingRule(c.env.DB, f.category, f.regionCode)],
  );
  return done(c, "routing");
});

admin.post("/words", form(WordForm), async (c) => {
  const { word } = c.req.valid("form");
  await audited(c, { action: "screen-word.add", entity: "screen-word", entityId: word, after: { word } }, [
    addScreenWord(c.env.DB, word, new Date().toISOString()),
  ]);
  return done(c, "words");
});

admin.post("/words/delete", form(IdForm), async (c) => {
  const word = c.req.valid("form").id;
  await audited(c, { action: "screen-word.delete", entity: "screen-word", entityId: word, before: { word } }, [
    deleteScreenWord(c.env.DB, word),
  ]);
  return done(c, "words");
});

admin.post("/users", form(UserForm), async (c) => {
  const f = c.req.valid("form");
  if (await usernameTaken(c.env.DB, f.username)) return render(c, { error: consoleText().usernameTaken }, 400);
  if (!(await departmentExists(c.env.DB, f.departmentId)))
    return render(c, { error: consoleText().noSuchDepartment }, 400);
  const { password: _, _csrf, _key, ...account } = f;
  const user = { ...account, id: randomId(), publicTitle: f.publicTitle ?? null };
  await audited(c, { action: "user.create", entity: "user", entityId: user.id, after: user }, [
    createUser(c.env.DB, { ...user, passwordHash: await hashPassword(f.password) }),
  ]);
  return done(c, "users");
});

/** An account change the admin may not make to their own account (they would lock themselves out). */
const accountChange = (path: string, run: (c: Context<DeskEnv>, id: string) => Promise<Response>) =>
  admin.post(path, form(IdForm), async (c) => {
    const { id } = c.req.valid("form");
    if (id === c.get("staff").userId) return render(c, { error: consoleText().cannotDisableSelf }, 400);
    return run(c, id);
  });

accountChange("/users/disable", async (c, id) => {
  const before = await findAccount(c.env.DB, id);
  if (!before) return render(c, { error: consoleText().noSuchRow }, 404);
  const now = new Date().toISOString();
  await audited(
    c,
    { action: "user.disable", entity: "user", entityId: id, before, after: { ...before, disabledAt: now } },
    [setUserDisabled(c.env.DB, id, now), revokeSessionsOf(c.env.DB, id, now)],
  );
  return done(c, "users");
});

accountChange("/users/enable", async (c, id) => {
  const before = await findAccount(c.env.DB, id);
  if (!before) return render(c, { error: consoleText().noSuchRow }, 404);
  await audited(
    c,
    { action: "user.enable", entity: "user", entityId: id, before, after: { ...before, disabledAt: null } },
    [setUserDisabled(c.env.DB, id, null)],
  );
  return done(c, "users");
});

/** A forgotten password: a one-time one, shown once; every session of the account ends. */
accountChange("/users/reset-password", async (c, id) => {
  const before = await findAccount(c.env.DB, id);
  if (!before) return render(c, { error: consoleText().noSuchRow }, 404);
  const plaintext = oneTimePassword();
  const now = new Date().toISOString();
  await audited(
    c,
    {
      action: "user.password-reset",
      entity: "user",
      entityId: id,
      before,
      after: { ...before, passwordChangeRequired: true },
    },
    [setOneTimePassword(c.env.DB, id, await hashPassword(plaintext)), revokeSessionsOf(c.env.DB, id, now)],
  );
  return render(c, { oneTimePassword: { username: before.username, plaintext } });
});

/**
 * A lost phone without recovery codes: the second factor is removed and every session ends; a role
 * that requires one sets it up again at its next sign-in.
 */
accountChange("/users/reset-second-factor", async (c, id) => {
  const before = await findAccount(c.env.DB, id);
  if (!before) return render(c, { error: consoleText().noSuchRow }, 404);
  await audited(
    c,
    {
      action: "user.second-factor-reset",
      entity: "user",
      entityId: id,
      before,
      after: { ...before, secondFactor: false },
    },
    [...removeSecondFactor(c.env.DB, id), revokeSessionsOf(c.env.DB, id, new Date().toISOString())],
  );
  return done(c, "users");
});

admin.post("/keys", form(ApiKeyForm), async (c) => {
  const { partnerName } = c.req.valid("form");
  const plaintext = `wz_${randomId().toLowerCase()}${randomId().toLowerCase()}`;
  const key = { id: randomId(), partnerName, createdAt: new Date().toISOString() };
  await audited(c, { action: "api-key.create", entity: "api-key", entityId: key.id, after: key }, [
    createApiKey(c.env.DB, { ...key, keyHash: sha256Hex(plaintext) }),
  ]);
  return render(c, { newKey: { partnerName, plaintext } });
});

admin.post("/keys/quota", form(ApiKeyQuotaForm), async (c) => {
  const { id, quotaPerMinute } = c.req.valid("form");
  await audited(c, { action: "api-key.quota", entity: "api-key", entityId: id, after: { quotaPerMinute } }, [
    setApiKeyQuota(c.env.DB, id, quotaPerMinute),
  ]);
  return done(c, "keys");
});

admin.post("/keys/revoke", form(IdForm), async (c) => {
  const { id } = c.req.valid("form");
  const now = new Date().toISOString();
  await audited(c, { action: "api-key.revoke", entity: "api-key", entityId: id, after: { revokedAt: now } }, [
    revokeApiKey(c.env.DB, id, now),
  ]);
  return done(c, "keys");
});
