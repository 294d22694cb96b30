import { type Context, Hono } from "hono";
import { departmentNames } from "../../../../shared/db/case-queries";
import { can } from "../../../../shared/domain/permissions";
import { AccountabilityPage } from "../console/accountability-page";
import { EVALUATION_CSS, OPINION_CHARTS_JS } from "../console/evaluation-assets";
import { OpinionPage } from "../console/opinion-page";
import { PanelPage, type PanelPageProps } from "../console/panel-page";
import { departmentAccountability, handlerAccountability, noticeRecords } from "./accountability-queries";
import { formObject } from "./admin.schema";
import { panelForm, SCORE_FIELDS, SCORE_LABELS, type ScoreField } from "./evaluation.schema";
import { currentPeriod, PERIOD_PATTERN, periodLabel, periodParam, shiftPeriod } from "./evaluation-period";
import { evaluationSettings } from "./evaluation-settings.routes";
import { ALL_REGIONS, latestOpinionPeriod, opinionRegions, opinionView, trackingNoOf } from "./opinion-queries";
import { groupOf, ownScores, saveScores, scoredDepartments } from "./panel-queries";
import { type DeskEnv, requireStaff, type Staff } from "./session";

/** 评议问责 in the console: panel scoring, the accountability list, public-opinion analysis, settings. */
export const evaluation = new Hono<DeskEnv>();
evaluation.use("/console/evaluation/*", requireStaff);

const PANEL = "/console/evaluation/panel";
const forbidden = () => new Response("没有权限 / not allowed", { status: 403 });
const badPeriod = (c: Context<DeskEnv>) => c.text("月份格式应为 YYYY-MM / period must be YYYY-MM", 400);
/** The platform office and supervisors, and a leader's office for its leader (as with the mailbox summary). */
const mayReadOpinion = (s: Staff) => can(s, "eval.opinion") || s.leaderOffice;

/** Only this month and the last may be scored: why not, or null when the month is open. */
export function closedReason(period: string, now: Date): string | null {
  const current = currentPeriod(now);
  if (period > current) return `${periodLabel(period)}尚未开始，暂不能评议。`;
  if (period < shiftPeriod(current, -1)) return `${periodLabel(period)}的评议已截止：只能为本月和上月打分。`;
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

evaluation.get(PANEL, async (c) => {
  if (!can(c.get("staff"), "eval.panel")) return forbidden();
  const period = periodParam(c.req.query("period"), shiftPeriod(currentPeriod(new Date()), -1));
  if (!period) return badPeriod(c);
  return renderPanel(c, period, { saved: c.req.query("saved") === "1" });
});

evaluation.post(PANEL, async (c) => {
  const s = c.get("staff");
  if (!can(s, "eval.panel")) return forbidden();
  const form = formObject(await c.req.parseBody());
  const period = form.period;
  if (!period || !PERIOD_PATTERN.test(period)) return badPeriod(c);
  if (!(await groupOf(c.env.DB, s.userId)))
    return renderPanel(c, period, { errors: ["您尚未加入任何评议组，不能打分。"], values: form }, 403);
  const closed = closedReason(period, new Date());
  if (closed) return renderPanel(c, period, { errors: [closed], values: form }, 400);
  const departments = await scoredDepartments(c.env.DB, period);
  const parsed = panelForm(departments.map((d) => d.id)).safeParse(form);
  if (!parsed.success) {
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const invalid = new Set<string>();
    const errors = parsed.error.issues.map((i) => {
      if (i.code === "unrecognized_keys") return "表单含有不认识的字段，请刷新后重试。";
      const key = String(i.path[0] ?? "");
      invalid.add(key);
      const [field = "", departmentId = ""] = key.split(":");
      const label = SCORE_FIELDS.includes(field as ScoreField)
        ? SCORE_LABELS[field as ScoreField]
        : field === "comment"
          ? "意见"
          : key;
      return `${names.get(departmentId) ?? departmentId} · ${label}：${i.message}`;
    });
    return renderPanel(c, period, { errors, values: form, invalid }, 400);
  }
  await saveScores(c.env.DB, period, s.userId, parsed.data.rows, new Date().toISOString());
  return c.redirect(`${PANEL}?period=${period}&saved=1`, 303);
});

evaluation.get("/console/evaluation/accountability", async (c) => {
  if (!can(c.get("staff"), "eval.accountability")) return forbidden();
  const period = periodParam(c.req.query("period"), shiftPeriod(currentPeriod(new Date()), -1));
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

evaluation.get("/console/evaluation/opinion", async (c) => {
  const s = c.get("staff");
  if (!mayReadOpinion(s)) return forbidden();
  const raw = c.req.query("period");
  const fallback = raw ? "" : ((await latestOpinionPeriod(c.env.DB)) ?? currentPeriod(new Date()));
  const period = periodParam(raw, fallback);
  if (!period) return badPeriod(c);
  const region = c.req.query("region") || ALL_REGIONS;
  if (region !== ALL_REGIONS && !/^\d{6}$/.test(region))
    return c.text("区域代码应为 6 位数字或 * / region must be * or a six-digit code", 400);
  const [regions, view] = await Promise.all([opinionRegions(c.env.DB), opinionView(c.env.DB, period, region)]);
  return c.html(<OpinionPage staff={s} period={period} region={region} regions={regions} view={view} />);
});

// A cluster stores case ids; the console's case page is addressed by tracking number. The case
// page checks case.view itself, so a leader's office still sees only cases it may open.
evaluation.get("/console/evaluation/cases/:caseId", async (c) => {
  if (!mayReadOpinion(c.get("staff"))) return forbidden();
  const trackingNo = await trackingNoOf(c.env.DB, c.req.param("caseId"));
  if (!trackingNo) return c.text("没有这条留言 / not found", 404);
  return c.redirect(`/console/cases/${trackingNo}`, 303);
});

evaluation.route("/", evaluationSettings);

const asset = (body: string, type: string) => () =>
  new Response(body, { headers: { "content-type": `${type}; charset=utf-8` } });
evaluation.get("/console/assets/opinion-charts.js", asset(OPINION_CHARTS_JS, "text/javascript"));
evaluation.get("/console/assets/evaluation.css", asset(EVALUATION_CSS, "text/css"));
