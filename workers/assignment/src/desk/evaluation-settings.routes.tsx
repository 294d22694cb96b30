import { type Context, Hono } from "hono";
import type * as z from "zod";
import { loadRankingConfig } from "../../../../shared/db/evaluation-queries";
import { randomId } from "../../../../shared/domain/ids";
import { formValidator } from "../../../../shared/http/form-validator";
import { RankingConfigSchema } from "../../../../shared/scoring/ranking";
import { EvaluationAdminPage, type EvaluationAdminPageProps } from "../console/evaluation-admin-page";
import { audited } from "./audit";
import { fieldLines, GroupEditForm, GroupForm, IdForm, MemberForm, RankingForm, zhIssue } from "./evaluation.schema";
import {
  activeEvaluator,
  addGroup,
  deleteEmptyGroup,
  editGroup,
  findGroup,
  groupExists,
  membershipOf,
  rankingSaved,
  resetRankingConfig,
  saveRankingConfig,
  setMembership,
} from "./evaluation-settings-queries";
import { formValues } from "./form-values";
import { panelSetup } from "./panel-queries";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** 评议设置 (admins): evaluator groups, members, and the ranking settings the rankings read. */
export const evaluationSettings = new Hono<DeskEnv>();
evaluationSettings.use(requirePermission("admin.manage"));

const PATH = "/console/evaluation/settings";
type Extra = Pick<EvaluationAdminPageProps, "errors" | "values">;
type FormName = NonNullable<Extra["values"]>["form"];

async function render(c: Context<DeskEnv>, extra: Extra = {}, status: 200 | 400 = 200) {
  const [setup, ranking, saved] = await Promise.all([
    panelSetup(c.env.DB),
    loadRankingConfig(c.env.DB),
    rankingSaved(c.env.DB),
  ]);
  return c.html(
    <EvaluationAdminPage staff={c.get("staff")} {...setup} ranking={ranking} rankingSaved={saved} {...extra} />,
    status,
  );
}

/** A settings form; on failure the page comes back with the reasons and (for `name`) the values as sent. */
const form = <T extends z.ZodType>(schema: T, name?: FormName) =>
  formValidator(
    schema,
    (c: Context<DeskEnv>, errors, posted) =>
      render(
        c,
        { errors: fieldLines(errors), values: name ? { form: name, fields: formValues(posted) } : undefined },
        400,
      ),
    { error: zhIssue },
  );

const done = (c: Context<DeskEnv>, anchor: string) => c.redirect(`${PATH}#${anchor}`, 303);

evaluationSettings.get("/", (c) => render(c));

evaluationSettings.post("/groups", form(GroupForm, "group"), async (c) => {
  const f = c.req.valid("form");
  const group = { id: randomId(), name: f.name, weight: f.weight };
  await audited(c, { action: "evaluation.group-create", entity: "evaluation", entityId: group.id, after: group }, [
    addGroup(c.env.DB, group),
  ]);
  return done(c, "groups");
});

evaluationSettings.post("/groups/edit", form(GroupEditForm, "groupEdit"), async (c) => {
  const f = c.req.valid("form");
  const before = await findGroup(c.env.DB, f.id);
  if (!before) return render(c, { errors: ["没有这个评议组，可能已被删除。"] }, 400);
  await audited(
    c,
    {
      action: "evaluation.group-update",
      entity: "evaluation",
      entityId: f.id,
      before,
      after: { ...before, name: f.name, weight: f.weight },
    },
    [editGroup(c.env.DB, f.id, f.name, f.weight)],
  );
  return done(c, "groups");
});

evaluationSettings.post("/groups/delete", form(IdForm), async (c) => {
  const before = await findGroup(c.env.DB, c.req.valid("form").id);
  if (!before || before.members > 0)
    return render(c, { errors: ["该评议组还有成员（或已不存在），不能删除；请先把成员移到其他组。"] }, 400);
  await audited(c, { action: "evaluation.group-delete", entity: "evaluation", entityId: before.id, before }, [
    deleteEmptyGroup(c.env.DB, before.id),
  ]);
  return done(c, "groups");
});

evaluationSettings.post("/members", form(MemberForm), async (c) => {
  const f = c.req.valid("form");
  const userId = await activeEvaluator(c.env.DB, f.userId);
  if (!userId) return render(c, { errors: ["只能为在用的评议员账号分组。"] }, 400);
  if (f.groupId !== undefined && !(await groupExists(c.env.DB, f.groupId)))
    return render(c, { errors: ["没有这个评议组。"] }, 400);
  const groupId = f.groupId ?? null;
  await audited(
    c,
    {
      action: "evaluation.membership",
      entity: "evaluation",
      entityId: userId,
      before: { groupId: await membershipOf(c.env.DB, userId) },
      after: { groupId },
    },
    [setMembership(c.env.DB, userId, groupId)],
  );
  return done(c, "members");
});

// The numbers as typed, then the ranges the rankings need (the form comes back with either's reasons).
evaluationSettings.post("/ranking", form(RankingForm.pipe(RankingConfigSchema), "ranking"), async (c) => {
  const value = c.req.valid("form");
  await audited(c, { action: "evaluation.ranking-save", entity: "evaluation", entityId: "ranking", after: value }, [
    saveRankingConfig(c.env.DB, value, new Date().toISOString()),
  ]);
  return done(c, "ranking");
});

evaluationSettings.post("/ranking/reset", form(IdForm.omit({ id: true })), async (c) => {
  await audited(c, { action: "evaluation.ranking-reset", entity: "evaluation", entityId: "ranking" }, [
    resetRankingConfig(c.env.DB),
  ]);
  return done(c, "ranking");
});
