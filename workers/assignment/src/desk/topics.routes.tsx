import { type Context, Hono } from "hono";
import { shanghaiDate } from "../../../../shared/clocks/period";
import { departmentNames, findCaseByTrackingNo } from "../../../../shared/db/case-queries";
import {
  activeDepartments,
  allTopics,
  closeTopic,
  insertTopic,
  issueAt,
  type MonthlyTopic,
  setTopicCases,
  topicById,
  topicCases,
  topicOfPeriod,
} from "../../../../shared/db/topic-queries";
import { randomId } from "../../../../shared/domain/ids";
import { formValidator } from "../../../../shared/http/form-validator";
import {
  defaultDeadline,
  TopicCaseForm,
  TopicCloseForm,
  topicForm,
  topicProgress,
  topicState,
} from "../../../../shared/scoring/opinion/topic";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { NewTopicPage, TOPICS, TopicPage, type TopicRow, TopicsPage } from "../console/topic-pages";
import { audited } from "./audit";
import { formValues } from "./form-values";
import { requirePermission } from "./require-permission";
import type { DeskEnv } from "./session";

/** 每月一题: a supervisor chooses the month's topic from a hot issue, links cases and closes it. */
export const topics = new Hono<DeskEnv>();
topics.use(requirePermission("eval.topic"));

const today = () => shanghaiDate(new Date());
const lines = (errors: Record<string, string>) => Object.values(errors);

async function rowOf(db: D1Database, topic: MonthlyTopic, names: Map<string, string>): Promise<TopicRow> {
  const progress = topicProgress((await topicCases(db, topic.caseIds)).map((k) => k.status));
  return {
    topic,
    state: topicState(topic, today()),
    lead: names.get(topic.leadDepartmentId) ?? topic.leadDepartmentId,
    answered: progress.answered,
    cases: progress.cases,
  };
}

topics.get("/", async (c) => {
  const names = await departmentNames(c.env.DB);
  const rows = await Promise.all((await allTopics(c.env.DB)).map((t) => rowOf(c.env.DB, t, names)));
  return c.html(<TopicsPage staff={c.get("staff")} rows={rows} />);
});

async function renderNew(
  c: Context<DeskEnv>,
  period: string,
  rank: number,
  values: { title?: string; leadDepartmentId?: string; deadline?: string },
  errors: string[] = [],
  status: 200 | 400 | 404 | 409 = 200,
) {
  const issue = await issueAt(c.env.DB, period, rank);
  if (!issue) return c.text(consoleText().topicIssueGone, 404);
  return c.html(
    <NewTopicPage
      staff={c.get("staff")}
      period={period}
      rank={rank}
      issue={issue}
      departments={await activeDepartments(c.env.DB)}
      values={{
        title: values.title ?? issue.label,
        leadDepartmentId: values.leadDepartmentId ?? "",
        deadline: values.deadline ?? defaultDeadline(new Date()),
      }}
      errors={errors}
    />,
    status,
  );
}

topics.get("/new", async (c) => {
  const period = c.req.query("period") ?? "";
  const rank = Number(c.req.query("rank"));
  if (!/^\d{4}-\d{2}$/.test(period) || !Number.isInteger(rank) || rank < 1) return c.text("bad request", 400);
  const existing = await topicOfPeriod(c.env.DB, period);
  if (existing) return c.redirect(`${TOPICS}/${existing.id}`, 303);
  return renderNew(c, period, rank, {});
});

topics.post(
  "/",
  formValidator(
    () => topicForm(today()),
    (c: Context<DeskEnv>, errors, posted) => {
      const v = formValues(posted);
      return renderNew(c, v.period ?? "", Number(v.rank), v, lines(errors), 400);
    },
  ),
  async (c) => {
    const form = c.req.valid("form");
    const t = consoleText();
    const issue = await issueAt(c.env.DB, form.period, form.rank);
    if (!issue) return c.text(t.topicIssueGone, 404);
    const departments = await activeDepartments(c.env.DB);
    if (!departments.some((d) => d.id === form.leadDepartmentId))
      return renderNew(c, form.period, form.rank, form, [t.topicLeadUnknown], 400);
    if (await topicOfPeriod(c.env.DB, form.period))
      return renderNew(c, form.period, form.rank, form, [t.topicExists], 409);
    const id = randomId();
    const topic = {
      id,
      period: form.period,
      title: form.title,
      leadDepartmentId: form.leadDepartmentId,
      deadline: form.deadline,
      caseIds: issue.caseIds,
      status: "open" as const,
      createdBy: c.get("staff").userId,
      createdAt: new Date().toISOString(),
    };
    try {
      await audited(c, { action: "topic.choose", entity: "topic", entityId: id, after: topic }, [
        insertTopic(c.env.DB, topic),
      ]);
    } catch {
      // Two supervisors at once: the month's unique index lets one in; the other sees it.
      return renderNew(c, form.period, form.rank, form, [t.topicExists], 409);
    }
    return c.redirect(`${TOPICS}/${id}`, 303);
  },
);

async function renderTopic(
  c: Context<DeskEnv>,
  extra: { errors?: string[]; values?: { trackingNo?: string; outcome?: string } } = {},
  status: 200 | 400 | 404 | 409 = 200,
) {
  const topic = await topicById(c.env.DB, c.req.param("id") ?? "");
  if (!topic) return c.text("没有这个每月一题 / no such topic", 404);
  const names = await departmentNames(c.env.DB);
  const [row, cases] = await Promise.all([rowOf(c.env.DB, topic, names), topicCases(c.env.DB, topic.caseIds)]);
  return c.html(<TopicPage staff={c.get("staff")} row={row} cases={cases} departments={names} {...extra} />, status);
}

topics.get("/:id", (c) => renderTopic(c));

topics.post(
  "/:id/cases",
  formValidator(TopicCaseForm, (c: Context<DeskEnv>, errors, posted) =>
    renderTopic(c, { errors: lines(errors), values: formValues(posted) }, 400),
  ),
  async (c) => {
    const { trackingNo } = c.req.valid("form");
    const t = consoleText();
    const topic = await topicById(c.env.DB, c.req.param("id"));
    if (!topic) return c.text("没有这个每月一题 / no such topic", 404);
    if (topic.status === "closed") return renderTopic(c, { errors: [t.topicClosedNoChange] }, 409);
    const found = await findCaseByTrackingNo(c.env.DB, trackingNo);
    if (!found) return renderTopic(c, { errors: [t.topicCaseNotFound], values: { trackingNo } }, 400);
    if (!topic.caseIds.includes(found.caseId)) {
      const caseIds = [...topic.caseIds, found.caseId];
      await audited(
        c,
        {
          action: "topic.link-case",
          entity: "topic",
          entityId: topic.id,
          before: { caseIds: topic.caseIds },
          after: { caseIds },
        },
        [setTopicCases(c.env.DB, topic.id, caseIds)],
      );
    }
    return c.redirect(`${TOPICS}/${topic.id}`, 303);
  },
);

topics.post(
  "/:id/close",
  formValidator(TopicCloseForm, (c: Context<DeskEnv>, errors, posted) =>
    renderTopic(c, { errors: lines(errors), values: formValues(posted) }, 400),
  ),
  async (c) => {
    const { outcome } = c.req.valid("form");
    const topic = await topicById(c.env.DB, c.req.param("id"));
    if (!topic) return c.text("没有这个每月一题 / no such topic", 404);
    if (topic.status === "closed") return renderTopic(c, { errors: [consoleText().topicClosedNoChange] }, 409);
    const at = new Date().toISOString();
    await audited(
      c,
      {
        action: "topic.close",
        entity: "topic",
        entityId: topic.id,
        before: { status: "open" },
        after: { status: "closed", outcome },
      },
      [closeTopic(c.env.DB, topic.id, outcome, at)],
    );
    return c.redirect(`${TOPICS}/${topic.id}`, 303);
  },
);
