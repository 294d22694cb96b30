import { Hono } from "hono";
import { shanghaiDate } from "../../../../shared/clocks/period";
import { departmentNames } from "../../../../shared/db/case-queries";
import { allTopics, type MonthlyTopic, topicById, topicCases } from "../../../../shared/db/topic-queries";
import { maskPersonalData } from "../../../../shared/routing/mask";
import { topicProgress, topicState } from "../../../../shared/scoring/opinion/topic";
import { portalLang } from "../../../../shared/ui/i18n";
import { topicsText } from "../../../../shared/ui/i18n-topics";
import { showsContent } from "../case-views";
import { type PublicTopic, TopicPage, TopicsPage } from "../pages/topics-page";

/**
 * 每月一题 in public. A topic's messages are shown only as the board shows them (public and
 * screened, titles masked); the others are counted, never listed, so a private message is not
 * revealed by being linked to a topic.
 */
export const topics = new Hono<{ Bindings: IntakeEnv }>();

async function publicTopic(db: D1Database, topic: MonthlyTopic, names: Map<string, string>, today: string) {
  const cases = await topicCases(db, topic.caseIds);
  const progress = topicProgress(cases.map((k) => k.status));
  const view: PublicTopic = {
    id: topic.id,
    period: topic.period,
    title: maskPersonalData(topic.title),
    lead: names.get(topic.leadDepartmentId) ?? "",
    deadline: topic.deadline,
    state: topicState(topic, today),
    answered: progress.answered,
    cases: progress.cases,
    outcome: topic.outcome ? maskPersonalData(topic.outcome) : null,
  };
  return { view, cases };
}

topics.get("/", async (c) => {
  const today = shanghaiDate(new Date());
  const names = await departmentNames(c.env.DB, portalLang());
  const rows = await Promise.all((await allTopics(c.env.DB)).map((t) => publicTopic(c.env.DB, t, names, today)));
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<TopicsPage topics={rows.map((r) => r.view)} />);
});

topics.get("/:id", async (c) => {
  const topic = await topicById(c.env.DB, c.req.param("id"));
  if (!topic) return c.text(topicsText(portalLang()).notFound, 404);
  const today = shanghaiDate(new Date());
  const names = await departmentNames(c.env.DB, portalLang());
  const { view, cases } = await publicTopic(c.env.DB, topic, names, today);
  const shown = cases
    .filter(showsContent)
    .map((k) => ({ trackingNo: k.trackingNo, title: maskPersonalData(k.title), status: k.status }));
  const counted = cases.filter((k) => k.status !== "merged" && k.status !== "rejected").length;
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<TopicPage topic={view} cases={shown} hidden={Math.max(0, counted - shown.length)} today={today} />);
});
