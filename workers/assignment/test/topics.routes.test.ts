import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { clearEvaluationTables, count, insertCase, insertIssue, staff } from "./evaluation-fixtures";

const P = "2025-07";
const TOPICS = "/console/evaluation/topics";
const future = () => new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
  await clearEvaluationTables();
  await env.DB.prepare("DELETE FROM monthly_topics").run();
  await insertCase("case-tp-1", "TP0000001");
  await insertCase("case-tp-2", "TP0000002");
  await insertCase("case-tp-3", "TP0000003");
  await insertIssue(P, 1, "崆峒区柳湖小区 居民 停水三天无人管", ["case-tp-1", "case-tp-2"]);
});

const choice = (patch: Record<string, string> = {}) => ({
  period: P,
  rank: "1",
  title: "柳湖小区停水三天无人管",
  leadDepartmentId: "pl-housing",
  deadline: future(),
  ...patch,
});

async function choose(patch: Record<string, string> = {}) {
  const supervisor = await staff("supervisor", `${TOPICS}/new?period=${P}&rank=1`);
  return { supervisor, res: await supervisor.post(TOPICS, choice(patch)) };
}

describe("每月一题 in the console", () => {
  it("a supervisor chooses it from a hot issue: the issue's cases are linked, the choice audited", async () => {
    const supervisor = await staff("supervisor", `/console/evaluation/opinion?period=${P}`);
    const opinion = await (await supervisor.get(`/console/evaluation/opinion?period=${P}`)).text();
    expect(opinion).toContain(`${TOPICS}/new?period=${P}&amp;rank=1`);
    const form = await (await supervisor.get(`${TOPICS}/new?period=${P}&rank=1`)).text();
    expect(form).toContain('value="崆峒区柳湖小区 居民 停水三天无人管"'); // the label, to edit
    const res = await supervisor.post(TOPICS, choice({ caseIds: "case-tp-3" } as Record<string, string>));
    expect(res.status).toBe(400); // a form cannot smuggle case ids in
    const ok = await supervisor.post(TOPICS, choice());
    expect(ok.status).toBe(303);
    const page = await (await supervisor.get(ok.headers.get("location") ?? "")).text();
    expect(page).toContain("TP0000001");
    expect(page).toContain("TP0000002");
    expect(page).not.toContain("TP0000003");
    expect(page).toContain("已答复 0 / 2 件");
    const id = ok.headers.get("location")?.split("/").at(-1);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'topic.choose' AND entity_id = ?", id)).toBe(
      1,
    );
    // The opinion page now names the month's topic instead of offering the choice.
    const after = await (await supervisor.get(`/console/evaluation/opinion?period=${P}`)).text();
    expect(after).toContain('data-testid="month-topic"');
    expect(after).not.toContain(`${TOPICS}/new?period=`);
  });

  it("one a month: a second choice is refused and changes nothing", async () => {
    const { supervisor } = await choose();
    const res = await supervisor.post(TOPICS, choice({ title: "另一个题目标题" }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("本月已选定每月一题");
    expect(await count("SELECT COUNT(*) AS n FROM monthly_topics")).toBe(1);
  });

  it("refuses a past deadline and an unknown department with the form, writing nothing", async () => {
    const past = await choose({ deadline: "2020-01-01" });
    expect(past.res.status).toBe(400);
    expect(await past.res.text()).toContain("期限不能早于今天");
    const unknown = await choose({ leadDepartmentId: "no-such-department" });
    expect(unknown.res.status).toBe(400);
    expect(await count("SELECT COUNT(*) AS n FROM monthly_topics")).toBe(0);
  });

  it("links more cases by tracking number, then closes with its outcome; a closed topic does not change", async () => {
    const { supervisor, res } = await choose();
    const path = res.headers.get("location") ?? "";
    expect((await supervisor.post(`${path}/cases`, { trackingNo: "NOPE0000" })).status).toBe(400);
    expect((await supervisor.post(`${path}/cases`, { trackingNo: "TP0000003" })).status).toBe(303);
    expect((await supervisor.post(`${path}/cases`, { trackingNo: "TP0000003" })).status).toBe(303); // twice: once
    expect(await (await supervisor.get(path)).text()).toContain("已答复 0 / 3 件");
    expect((await supervisor.post(`${path}/close`, { outcome: "太短" })).status).toBe(400);
    expect(
      (await supervisor.post(`${path}/close`, { outcome: "已更换柳湖小区供水主管，恢复供水并建立停水预告制度。" }))
        .status,
    ).toBe(303);
    const closed = await (await supervisor.get(path)).text();
    expect(closed).toContain("已办结");
    expect(closed).toContain("恢复供水");
    expect((await supervisor.post(`${path}/cases`, { trackingNo: "TP0000001" })).status).toBe(409);
    const log = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE entity = 'topic' AND entity_id = ? ORDER BY at",
    )
      .bind(path.split("/").at(-1))
      .all<{ action: string }>();
    expect(log.results.map((r) => r.action)).toEqual(["topic.choose", "topic.link-case", "topic.close"]);
  });

  it("is the supervisor's and the office's: a department's handler may not choose or open it", async () => {
    const handler = await staff("pl-housing-handler", "/console");
    expect((await handler.get(TOPICS)).status).toBe(403);
    expect((await handler.post(TOPICS, choice())).status).toBe(403);
    expect(await count("SELECT COUNT(*) AS n FROM monthly_topics")).toBe(0);
  });
});
