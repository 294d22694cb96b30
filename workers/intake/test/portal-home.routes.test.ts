import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { currentPeriod, previousPeriod } from "../../../shared/clocks/period";
import { caseThrough, page, replySteps } from "./portal-fixtures";

/** Counters for one cell of the rollups, written as the evaluation Worker would (and its per-unit sums, where that table exists). */
async function rollup(period: string, departmentId: string, regionCode: string, counters: Record<string, number>) {
  const units =
    (await env.DB.prepare(
      "SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'rollup_units'",
    ).first()) !== null;
  for (const [counter, n] of Object.entries(counters)) {
    await env.DB.prepare(
      "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, ?, 'urban_rural', ?, ?)",
    )
      .bind(period, departmentId, regionCode, counter, n)
      .run();
    if (!units) continue;
    for (const [kind, unit] of [
      ["city", ""],
      ["department", departmentId],
      ["county", regionCode],
    ]) {
      await env.DB.prepare(
        "INSERT INTO rollup_units (period, kind, unit_id, counter, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
      )
        .bind(period, kind, unit, counter, n)
        .run();
    }
  }
}

const THIS_MONTH = {
  received: 10,
  assigned: 8,
  acknowledgedOnTime: 6,
  acknowledgedLate: 2,
  replied: 4,
  repliedOnTime: 3,
  replyOverdue: 1,
  rated: 2,
  satisfied: 1,
  basicallySatisfied: 1,
};

describe("the home page", () => {
  it("explains the steps and the time limits from the rules, and says when the month has no figures yet", async () => {
    const { status, html } = await page("/");
    expect(status).toBe(200);
    expect(html).toContain("怎样办理");
    expect(html).toContain("受理交办");
    // From time_limit_rules: acknowledge in 1 working day, reply by type, a 7-day rating window; thanks has no limit.
    expect(html).toMatch(
      /data-testid="limits-complaint"><th scope="row">投诉<\/th><td>1 个工作日<\/td><td>15 个工作日<\/td><td>7 天<\/td>/,
    );
    expect(html).toMatch(/data-testid="limits-consult">.*?<td>5 个工作日<\/td>/);
    expect(html).toMatch(/data-testid="limits-thanks">.*?<td>不限<\/td>/);
    expect(html).toContain('data-testid="no-figures">本月暂无数据');
    for (const href of ["/board", "/submit", "/lookup", `/reports/${currentPeriod()}`, "/spokespeople", "/departments"])
      expect(html).toContain(`href="${href}"`);
  });

  it("shows this month's figures from the rollups, the 三率 with their samples, and the latest public replies", async () => {
    await rollup(currentPeriod(), "pl-housing", "620802", THIS_MONTH);
    await rollup(previousPeriod(currentPeriod()), "pl-housing", "620802", { assigned: 5, acknowledgedOnTime: 5 });
    const answered = await caseThrough(
      replySteps,
      { title: "新民路路灯不亮请维修" },
      new Date(Date.now() - 60_000).toISOString(),
    );
    const { html } = await page("/");
    expect(html).toContain('data-testid="figure-received">10');
    expect(html).toContain('data-testid="figure-replied">4');
    expect(html).toMatch(/data-testid="figure-responseRate">75\.0%<small>样本 8 件<\/small>/);
    expect(html).toMatch(/data-testid="figure-onTimeRate">75\.0%<small>样本 4 件<\/small>/);
    expect(html).toMatch(/data-testid="figure-satisfactionRate">100\.0%<small>样本 2 件<\/small>/);
    expect(html).toContain(`href="/cases/${answered.trackingNo}"`);
    expect(html).toContain("经现场核实，路灯线路老化，已更换。");
    expect(html).toContain("王建国");
  });
});

describe("the department pages", () => {
  it("lists every department with this month's 三率 and their samples", async () => {
    await rollup(currentPeriod(), "pl-transport", "620821", {
      assigned: 4,
      acknowledgedOnTime: 3,
      repliedOnTime: 2,
      rated: 1,
      dissatisfied: 1,
    });
    const { status, html } = await page("/departments");
    expect(status).toBe(200);
    expect(html).toMatch(/data-testid="dept-pl-transport">.*?75\.0%（4）.*?100\.0%（2）.*?0\.0%（1）/);
    expect(html).toMatch(/data-testid="dept-kongtong">.*?—/);
    expect(html).toContain('href="/departments/pl-housing"');
    expect(html).not.toContain("平凉市网络问政办公室");
    expect(html).toContain("响应率");
    expect(html).toContain("按期办结率");
    expect(html).toContain("满意率");
  });

  it("shows a department's 三率 this month and last, its spokespeople and its recent public replies", async () => {
    await rollup(currentPeriod(), "pl-market", "620802", { assigned: 2, acknowledgedOnTime: 1 });
    await rollup(previousPeriod(currentPeriod()), "pl-market", "620802", { assigned: 5, acknowledgedOnTime: 5 });
    const answered = await caseThrough(replySteps, { title: "住建局答复的公开留言" });
    const hidden = await caseThrough(replySteps, { title: "住建局答复的私密留言", isPublic: false });
    const market = await page("/departments/pl-market");
    expect(market.html).toContain("50.0%（2）");
    expect(market.html).toContain("100.0%（5）");
    expect(market.html).toContain("陈晓东");
    const housing = await page("/departments/pl-housing");
    expect(housing.html).toContain("王建国");
    expect(housing.html).toContain("市住建局副局长、网络发言人");
    expect(housing.html).toContain(`href="/cases/${answered.trackingNo}"`);
    expect(housing.html).not.toContain(hidden.trackingNo);
    expect(housing.html).not.toContain("住建局答复的私密留言");
    expect(housing.html).toContain('href="/board?department=pl-housing"');
    expect((await page("/departments/no-such-bureau")).status).toBe(404);
  });
});
