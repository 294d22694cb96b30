import { type Context, Hono } from "hono";
import * as z from "zod";
import { addMonths, currentPeriod, PERIOD_PATTERN } from "../../../../shared/clocks/period";
import { departmentNames } from "../../../../shared/db/case-queries";
import { topicOfPeriod } from "../../../../shared/db/topic-queries";
import { type FieldErrors, formValidator, type PostedForm } from "../../../../shared/http/form-validator";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";
import { AccountabilityPage } from "../console/accountability-page";
import { OpinionPage } from "../console/opinion-page";
import { PanelPage, type PanelPageProps } from "../console/panel-page";
import { departmentAccountability, handlerAccountability, noticeRecords } from "./accountability-queries";
import { panelForm, SCORE_FIELDS, SCORE_LABELS, type ScoreField } from "./evaluation.schema";
import { periodParam } from "./evaluation-period";
import { formValues } from "./form-values";
import { ALL_REGIONS, latestOpinionPeriod, opinionRegions, opinionView, trackingNoOf } from "./opinion-queries";
import { groupOf, ownScores, saveScores, scoredDepartments } from "./panel-queries";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** 评议问责 in the console: panel scoring, the accountability list, public-opinion analysis. */
export const evaluation = new Hono<DeskEnv>();

const PANEL = "/console/evaluation/panel";
const badPeriod = (c: Context<DeskEnv>) => c.text("月份格式应为 YYYY-MM / period must be YYYY-MM", 400);

/** Only this month and the last may be scored: why not, or null when the month is open. */
export function closedReason(period: string, now: Date): string | null {
  const current = currentPeriod(now);
  if (period > current) return consoleText().notYetOpen(consoleMonth(period));
  if (period < addMonths(current, -1)) return consoleText().closed(consoleMonth(period));
  return null;
}

async function renderPanel(
  c: Context<DeskEnv>,
  period: string,
  extra: Pick<PanelPageProps, "errors" | "values" | "invalid" | "saved"> = {},
  status: 200 | 400 | 403 = 200,
) {
  const s = c.get("staff");
  const [group, departments, own] = await Promise.all([
    groupOf(c.env.DB, s.userId),
    scoredDepartments(c.env.DB, period),
    ownScores(c.env.DB, period, s.userId),
  ]);
  return c.html(
    <PanelPage
      staff={s}
      period={period}
      closed={closedReason(period, new Date())}
      group={group}
      departments={departments}
      own={own}
      {...extra}
    />,
    status,
  );
}

evaluation.get("/panel", requirePermission("eval.panel"), async (c) => {
  const period = periodParam(c.req.query("period"), addMonths(currentPeriod(new Date()), -1));
  if (!period) return badPeriod(c);
  return renderPanel(c, period, { saved: c.req.query("saved") === "1" });
});

/** The scoring form's month comes first: whether it may be scored, and which departments it scores. */
const PanelMonth = z.object({ period: z.string().regex(PERIOD_PATTERN) }).catchall(z.unknown());
const monthOf = (posted: PostedForm) => (typeof posted.period === "string" ? posted.period : "");

/** The month's scores: one field per scored department and score (see `panelForm`). */
const panelScores = async (c: Context<DeskEnv>, posted: PostedForm) =>
  panelForm((await scoredDepartments(c.env.DB, monthOf(posted))).map((d) => d.id));

/** The scores come back as sent, each reason naming its department and score. */
async function rescore(c: Context<DeskEnv>, fieldErrors: FieldErrors, posted: PostedForm) {
  const period = monthOf(posted);
  const names = new Map((await scoredDepartments(c.env.DB, period)).map((d) => [d.id, d.name]));
  const invalid = new Set(Object.keys(fieldErrors).filter((key) => key !== ""));
  const errors = Object.entries(fieldErrors).map(([key, message]) => {
    if (key === "") return "表单含有不认识的字段，请刷新后重试。";
    const [field = "", departmentId = ""] = key.split(":");
    const label = SCORE_FIELDS.includes(field as ScoreField)
      ? SCORE_LABELS[field as ScoreField]
      : field === "comment"
        ? "意见"
        : key;
    return `${names.get(departmentId) ?? departmentId} · ${label}：${message}`;
  });
  return renderPanel(c, period, { errors, values: formValues(posted), invalid }, 400);
}

evaluation.post(
  "/panel",
  requirePermission("eval.panel"),
  formValidator(PanelMonth, badPeriod),
  async (c, next) => {
    // Before the scores are judged: an evaluator outside every group, or a closed month, scores nothing.
    const { period } = c.req.valid("form");
    const values = formValues(c.req.valid("form"));
    if (!(await groupOf(c.env.DB, c.get("staff").userId)))
      return renderPanel(c, period, { errors: ["您尚未加入任何评议组，不能打分。"], values }, 403);
    const closed = closedReason(period, new Date());
    if (closed) return renderPanel(c, period, { errors: [closed], values }, 400);
    await next();
  },
  formValidator(panelScores, rescore),
  async (c) => {
    const { period, rows } = c.req.valid("form");
    await saveScores(c.env.DB, period, c.get("staff").userId, rows, new Date().toISOString());
    return c.redirect(`${PANEL}?period=${period}&saved=1`, 303);
  },
);

evaluation.get("/accountability", requirePermission("eval.accountability"), async (c) => {
  const period = periodParam(c.req.query("period"), addMonths(currentPeriod(new Date()), -1));
  if (!period) return badPeriod(c);
  const names = await departmentNames(c.env.DB);
  const [departments, records, handlers] = await Promise.all([
    departmentAccountability(c.env.DB, period, names),
    noticeRecords(c.env.DB, period),
    handlerAccountability(c.env.DB, period, names),
  ]);
  return c.html(
    <AccountabilityPage
      staff={c.get("staff")}
      period={period}
      departments={departments}
      records={records}
      handlers={handlers}
    />,
  );
});

evaluation.get("/opinion", requirePermission("eval.opinion"), async (c) => {
  const s = c.get("staff");
  const raw = c.req.query("period");
  const fallback = raw ? "" : ((await latestOpinionPeriod(c.env.DB)) ?? currentPeriod(new Date()));
  const period = periodParam(raw, fallback);
  if (!period) return badPeriod(c);
  const region = c.req.query("region") || ALL_REGIONS;
  if (region !== ALL_REGIONS && !/^\d{6}$/.test(region))
    return c.text("区域代码应为 6 位数字或 * / region must be * or a six-digit code", 400);
  const [regions, view, topic] = await Promise.all([
    opinionRegions(c.env.DB),
    opinionView(c.env.DB, period, region),
    topicOfPeriod(c.env.DB, period),
  ]);
  return c.html(<OpinionPage staff={s} period={period} region={region} regions={regions} view={view} topic={topic} />);
});

// A cluster stores case ids; the console's case page is addressed by tracking number. The case
// page checks case.view itself, so a leader's office still sees only cases it may open.
evaluation.get("/cases/:caseId", requirePermission("eval.opinion"), async (c) => {
  const trackingNo = await trackingNoOf(c.env.DB, c.req.param("caseId"));
  if (!trackingNo) return c.text("没有这条留言 / not found", 404);
  return c.redirect(`/console/cases/${trackingNo}`, 303);
});
