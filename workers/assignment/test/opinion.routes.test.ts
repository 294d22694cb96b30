import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { periodLabel } from "../../../shared/clocks/period";
import {
  clearEvaluationTables,
  insertCase,
  insertCluster,
  insertIssue,
  insertTopic,
  OPINION,
  section,
  staff,
} from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

describe("舆情分析", () => {
  const P = "2025-07";

  it("says plainly when there is no analysis yet", async () => {
    const dispatcher = await staff("dispatcher", "/console/dispatch");
    const html = await (await dispatcher.get(OPINION)).text();
    expect(html).toContain("舆情分析尚未运行过");
    expect(html).toContain('data-testid="opinion-empty"');
    expect(html).not.toContain("opinion-charts.js");
  });

  it("shows hot issues first, with heat, people, supporters, span and links to the messages behind each", async () => {
    await insertIssue(P, 1, "崆峒区柳湖小区 居民 停水三天无人管", ["case-op-1", "case-op-2", "case-op-3"]);
    await insertIssue(P, 2, "泾川县 学生 校车超载", ["case-op-4", "case-op-5"], "620821");
    await insertTopic(P, "*", { term: "停水", n: 3, recent: 3, baseline: 1, burst: 0 });
    const dispatcher = await staff("dispatcher", "/console/dispatch");
    const html = await (await dispatcher.get(`${OPINION}?period=${P}`)).text();
    const issues = section(html, "opinion-issues");
    expect(issues).toContain("崆峒区柳湖小区 居民 停水三天无人管");
    expect(issues.indexOf("柳湖小区")).toBeLessThan(issues.indexOf("校车超载"));
    expect(issues).toContain("2025-07-02 – 2025-07-20");
    expect(issues).toContain('href="/console/evaluation/cases/case-op-3"');
    expect(html.indexOf('id="issues"')).toBeLessThan(html.indexOf('id="hot"'));
    // A region shows only its own issues.
    const county = await (await dispatcher.get(`${OPINION}?period=${P}&region=620821`)).text();
    expect(section(county, "opinion-issues")).toContain("校车超载");
    expect(section(county, "opinion-issues")).not.toContain("柳湖小区");
  });

  it("reads hot and rising terms and clusters from the analysis tables and feeds the charts", async () => {
    for (let i = 0; i < 35; i += 1)
      await insertTopic(P, "*", {
        term: `热词${String(i).padStart(2, "0")}`,
        n: 35 - i,
        recent: 5,
        baseline: 5,
        burst: 0,
      });
    await insertTopic(P, "*", {
      term: "停水",
      n: 40,
      recent: 12,
      baseline: 3,
      burst: 5.2,
      rising: true,
      dissatisfied: 4,
    });
    await insertTopic(P, "*", { term: "供暖", n: 20, recent: 9, baseline: 2, burst: 4.4, rising: true });
    await insertTopic(P, "620802", { term: "崆峒路灯", n: 7 });
    await insertCase("case-op-1", "OPIN0001CLST");
    await insertCluster(P, "case-op-1", "柳湖小区停水三天", ["case-op-1", "case-op-2", "case-op-3"]);
    await env.DB.prepare(
      "INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, '2025-07-30T00:00:00.000Z', 'case-op-3', '2025-07-31T01:30:00.000Z')",
    ).run();

    const supervisor = await staff("supervisor", "/console/overdue");
    const res = await supervisor.get(OPINION); // defaults to the latest analysed month
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(periodLabel(P));
    expect(html).toContain("2025-07-31 09:30");

    const hot = section(html, "opinion-hot");
    expect(hot.match(/<tr>/g)).toHaveLength(31); // header + top 30
    expect(hot).toContain("热词00");
    expect(hot).toContain('<td>停水</td><td class="num">40</td>');
    expect(hot).not.toContain("热词34");
    expect(hot).not.toContain("崆峒路灯");

    const rising = section(html, "opinion-rising");
    expect(rising.indexOf("停水")).toBeLessThan(rising.indexOf("供暖"));
    expect(rising).toContain('<td class="num">12</td><td class="num">3.0</td><td class="num">4.0</td>');

    const clusters = section(html, "opinion-clusters");
    expect(clusters).toContain("柳湖小区停水三天");
    expect(clusters).toContain('href="/console/evaluation/cases/case-op-1"');
    const member = await supervisor.get("/console/evaluation/cases/case-op-1");
    expect(member.status).toBe(303);
    expect(member.headers.get("location")).toBe("/console/cases/OPIN0001CLST");
    expect((await supervisor.get("/console/evaluation/cases/case-op-2")).status).toBe(404);

    const json = /<script type="application\/json" id="opinion-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const data = JSON.parse(json) as {
      hot: { term: string; n: number }[];
      rising: { term: string; recent: number; baseline: number }[];
    };
    expect(data.hot).toHaveLength(30);
    expect(data.rising[0]).toEqual({ term: "停水", recent: 12, baseline: 3 });
    expect(html).toContain('<script src="/reports/assets/echarts.min.js" defer=""></script>');
    for (const tag of html.match(/<script[^>]*>/g) ?? [])
      expect(tag).toMatch(/src="\/(reports|console)\/assets\/|type="application\/json"/);

    const county = await (await supervisor.get(`${OPINION}?period=${P}&region=620802`)).text();
    expect(section(county, "opinion-hot")).toContain("崆峒路灯");
    expect(section(county, "opinion-hot")).not.toContain("热词00");
    expect((await supervisor.get(`${OPINION}?period=${P}&region=abc`)).status).toBe(400);

    const script = await supervisor.get("/console/assets/opinion-charts.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("echarts.init");
  });
});
