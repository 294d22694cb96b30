import { and, eq, isNull } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type * as z from "zod";
import { getDb } from "../../../../shared/db/case-queries";
import { loadRankingConfig, RANKING_SETTINGS_KEY } from "../../../../shared/db/evaluation-queries";
import {
  evaluatorGroups,
  evaluatorMembers,
  evaluationSettings as settingsTable,
} from "../../../../shared/db/evaluation-schema";
import { users } from "../../../../shared/db/schema";
import { randomId } from "../../../../shared/domain/ids";
import { can } from "../../../../shared/domain/permissions";
import { RankingConfigSchema } from "../../../../shared/scoring/ranking";
import { EvaluationAdminPage, type EvaluationAdminPageProps } from "../console/evaluation-admin-page";
import { formObject } from "./admin.schema";
import { GroupEditForm, GroupForm, IdForm, issueLines, MemberForm, RankingForm, zhIssue } from "./evaluation.schema";
import { panelSetup } from "./panel-queries";
import { type DeskEnv, requireStaff } from "./session";

/** 评议设置 (admins): evaluator groups, members, and the ranking settings the rankings read. */
export const evaluationSettings = new Hono<DeskEnv>();
const PATH = "/console/evaluation/settings";
for (const path of [PATH, `${PATH}/*`]) {
  evaluationSettings.use(path, requireStaff);
  evaluationSettings.use(path, async (c, next) => {
    if (!can(c.get("staff"), "admin.manage")) return c.text("没有权限 / not allowed", 403);
    await next();
  });
}

type Extra = Pick<EvaluationAdminPageProps, "errors" | "values">;

async function render(c: Context<DeskEnv>, extra: Extra = {}, status: 200 | 400 = 200) {
  const [setup, ranking, saved] = await Promise.all([
    panelSetup(c.env.DB),
    loadRankingConfig(c.env.DB),
    getDb(c.env.DB)
      .select({ key: settingsTable.key })
      .from(settingsTable)
      .where(eq(settingsTable.key, RANKING_SETTINGS_KEY)),
  ]);
  return c.html(
    <EvaluationAdminPage
      staff={c.get("staff")}
      {...setup}
      ranking={ranking}
      rankingSaved={saved.length > 0}
      {...extra}
    />,
    status,
  );
}

/** Parses a settings form; on failure the page comes back with the reasons and the values as sent, and nothing changes. */
async function parse<T extends z.ZodType>(
  c: Context<DeskEnv>,
  schema: T,
  form?: NonNullable<Extra["values"]>["form"],
): Promise<{ data: z.infer<T>; raw: Record<string, string> } | Response> {
  const raw = formObject(await c.req.parseBody());
  const parsed = schema.safeParse(raw, { error: zhIssue });
  if (parsed.success) return { data: parsed.data, raw };
  return render(c, { errors: issueLines(parsed.error), values: form ? { form, fields: raw } : undefined }, 400);
}

const done = (c: Context<DeskEnv>, anchor: string) => c.redirect(`${PATH}#${anchor}`, 303);

evaluationSettings.get(PATH, (c) => render(c));

evaluationSettings.post(`${PATH}/groups`, async (c) => {
  const f = await parse(c, GroupForm, "group");
  if (f instanceof Response) return f;
  await getDb(c.env.DB).insert(evaluatorGroups).values({ id: randomId(), name: f.data.name, weight: f.data.weight });
  return done(c, "groups");
});

evaluationSettings.post(`${PATH}/groups/edit`, async (c) => {
  const f = await parse(c, GroupEditForm, "groupEdit");
  if (f instanceof Response) return f;
  const updated = await getDb(c.env.DB)
    .update(evaluatorGroups)
    .set({ name: f.data.name, weight: f.data.weight })
    .where(eq(evaluatorGroups.id, f.data.id))
    .returning({ id: evaluatorGroups.id });
  if (updated.length === 0) return render(c, { errors: ["没有这个评议组，可能已被删除。"] }, 400);
  return done(c, "groups");
});

evaluationSettings.post(`${PATH}/groups/delete`, async (c) => {
  const f = await parse(c, IdForm);
  if (f instanceof Response) return f;
  // One statement, so a member assigned meanwhile cannot be orphaned.
  const deleted = await c.env.DB.prepare(
    "DELETE FROM evaluator_groups WHERE id = ? AND NOT EXISTS (SELECT 1 FROM evaluator_members WHERE group_id = ?) RETURNING id",
  )
    .bind(f.data.id, f.data.id)
    .all();
  if (deleted.results.length === 0)
    return render(c, { errors: ["该评议组还有成员（或已不存在），不能删除；请先把成员移到其他组。"] }, 400);
  return done(c, "groups");
});

evaluationSettings.post(`${PATH}/members`, async (c) => {
  const f = await parse(c, MemberForm);
  if (f instanceof Response) return f;
  const d = getDb(c.env.DB);
  const [user] = await d
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, f.data.userId), eq(users.role, "evaluator"), isNull(users.disabledAt)));
  if (!user) return render(c, { errors: ["只能为在用的评议员账号分组。"] }, 400);
  if (f.data.groupId === undefined) {
    await d.delete(evaluatorMembers).where(eq(evaluatorMembers.userId, user.id));
    return done(c, "members");
  }
  const [group] = await d
    .select({ id: evaluatorGroups.id })
    .from(evaluatorGroups)
    .where(eq(evaluatorGroups.id, f.data.groupId));
  if (!group) return render(c, { errors: ["没有这个评议组。"] }, 400);
  await d
    .insert(evaluatorMembers)
    .values({ userId: user.id, groupId: group.id })
    .onConflictDoUpdate({ target: evaluatorMembers.userId, set: { groupId: group.id } });
  return done(c, "members");
});

evaluationSettings.post(`${PATH}/ranking`, async (c) => {
  const f = await parse(c, RankingForm, "ranking");
  if (f instanceof Response) return f;
  const config = RankingConfigSchema.safeParse(f.data, { error: zhIssue });
  if (!config.success)
    return render(c, { errors: issueLines(config.error), values: { form: "ranking", fields: f.raw } }, 400);
  const row = { key: RANKING_SETTINGS_KEY, value: config.data, updatedAt: new Date().toISOString() };
  await getDb(c.env.DB)
    .insert(settingsTable)
    .values(row)
    .onConflictDoUpdate({ target: settingsTable.key, set: { value: row.value, updatedAt: row.updatedAt } });
  return done(c, "ranking");
});

evaluationSettings.post(`${PATH}/ranking/reset`, async (c) => {
  const f = await parse(c, IdForm.omit({ id: true }));
  if (f instanceof Response) return f;
  await getDb(c.env.DB).delete(settingsTable).where(eq(settingsTable.key, RANKING_SETTINGS_KEY));
  return done(c, "ranking");
});
