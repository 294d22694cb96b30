import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { maskPersonalData } from "../../../shared/routing/mask";
import { INDICATORS } from "../../../shared/scoring/indicators";
import type { Rankings } from "../../../shared/scoring/rankings.schema";
import { expectEnglishPage } from "../../../test/fixtures/english-pages";
import { assetVersion } from "../src/reports/assets.routes";
import type { ReportChartData } from "../src/reports/report-charts.client";
import { get, ODD, PII, seedReportMonth } from "./reports-fixtures";

beforeAll(seedReportMonth);

describe("GET /reports", () => {
  it("sends the reader to the latest month with data", async () => {
    for (const path of ["/reports", "/reports/"]) {
      const res = await get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/reports/2026-04");
    }
  });

  it("answers a malformed month with a page saying so", async () => {
    const res = await get("/reports/2026-3");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("没有这一期报告");
  });
});

describe("GET /reports/{period}", () => {
  async function page() {
    const res = await get("/reports/2026-03");
    expect(res.status).toBe(200);
    return { res, html: await res.text() };
  }

  it("prints the headline, both ranking tables, the group below the minimum sample and every formula", async () => {
    const { res, html } = await page();
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("2026年3月");
    expect(html).toContain("受理留言</dt><dd>75");
    for (const heading of [
      "部门排名",
      "县（市、区）排名",
      "近 12 个月走势",
      "本月好评与差评答复",
      "本月通报",
      "综合得分如何计算",
    ])
      expect(html).toContain(heading);
    for (const indicator of Object.values(INDICATORS)) expect(html).toContain(indicator.formula);
    expect(html).toContain("先验强度 m = 10");
    expect(html).toContain("80% × 客观得分 + 20% × 评议得分");

    const unranked = html.indexOf('id="dept-unranked"');
    expect(unranked).toBeGreaterThan(0);
    expect(html.indexOf("平凉市教育局")).toBeGreaterThan(unranked);
    expect(html.indexOf("平凉市住房和城乡建设局")).toBeLessThan(unranked);
    expect(html).toContain('90.0%<span class="n">n=40</span>');
    expect(html).toContain('<th scope="col" class="num">排名</th>');
    expect(html).toContain("=测试&lt;/script&gt;");
  });

  it("lists each department's share of boilerplate replies, highest first, and the city's in the headline", async () => {
    const { html } = await page();
    expect(html).toContain("套话答复（按部门）");
    const table = /data-testid="boilerplate-departments"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    const rows = [
      ...table.matchAll(
        /<tr data-unit="([^"]+)"><th scope="row">[^<]*<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">([^<]+)<\/td>/g,
      ),
    ];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ["pl-hrss", "18", "9", "50.0%"],
      ["pl-housing", "35", "7", "20.0%"],
      [ODD.id, "10", "0", "0.0%"],
    ]);
    // A department with no checked reply is not listed as 0 %.
    expect(table).not.toContain("pl-education");
    // City-wide: (7 + 9 + 0) ÷ (35 + 18 + 10).
    expect(html).toContain('套话答复占比</dt><dd>25.4%<span class="n">n=63</span>');
  });

  it("says so when no reply of the month was checked", async () => {
    const html = await (await get("/reports/2026-02")).text();
    expect(html).toContain("本月没有经过质量检查的答复。");
  });

  it("links the neighbouring months and the downloads", async () => {
    const { html } = await page();
    expect(html).toContain('href="/reports/2026-02" rel="prev"');
    expect(html).toContain('href="/reports/2026-04" rel="next"');
    expect(html).toContain('href="/api/v1/rankings.csv?period=2026-03&amp;kind=department"');
    expect(html).toContain('href="/api/v1/rankings?period=2026-03&amp;kind=county"');
  });

  it("lists the month's best and worst public replies with masked titles and no petitioner data", async () => {
    const { html } = await page();
    expect(html).toContain(maskPersonalData(PII.title));
    expect(html).toContain("夜间施工噪音扰民");
    for (const secret of [
      PII.name,
      PII.phone,
      PII.email,
      "13912345678",
      "不公开的留言标题",
      "已合并的留言标题",
      "四月评价的留言",
    ])
      expect(html).not.toContain(secret);
  });

  it("counts the month's 通报 per department", async () => {
    const { html } = await page();
    expect(html).toContain("本月通报 3 件");
    expect(html).toMatch(/平凉市人力资源和社会保障局<\/th><td class="num">2</);
    expect(html).toContain("分办环节");
  });

  it("hands the charts their data in an escaped JSON block and loads only same-origin scripts", async () => {
    const { html } = await page();
    const block = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(block).not.toContain("<");
    const data = JSON.parse(block) as ReportChartData;
    const ranking = (await (await get("/api/v1/rankings?period=2026-03")).json()) as Rankings;
    expect(data.departments).toEqual(
      ranking.units.filter((u) => u.rank !== null).map((u) => ({ name: u.name, score: u.score })),
    );
    expect(data.trend.periods).toHaveLength(12);
    expect(data.trend.periods.at(-1)).toBe("2026-03");
    expect(data.trend.series.map((s) => s.name)).toEqual(["响应率", "按期办结率", "解决率", "满意率"]);
    expect(data.trend.series[0]?.values.slice(-2)).toEqual([100, 84.9]); // acknowledged on time: February 20 of 20, March 62 of 73
    expect(html).toContain(
      `<script src="/reports/assets/echarts.min.js?v=${await assetVersion("echarts.min.js")}" defer="">`,
    );
    expect(html).toMatch(/<script src="\/reports\/assets\/report-charts\.js\?v=[0-9a-f]{16}" defer="">/);
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
  });

  it("speaks English with ?lang=en, the departments by their English names, Chinese only in what citizens wrote", async () => {
    // The odd department has no English name: English pages would fall back to its Chinese one.
    await env.DB.prepare("UPDATE departments SET name_en = 'Odd Bureau' WHERE id = ?").bind(ODD.id).run();
    for (const path of ["/reports/2026-03?lang=en", "/reports/2019-01?lang=en", "/reports/2026-3?lang=en"]) {
      const html = await (await get(path)).text();
      await expectEnglishPage(html, path);
    }
    const html = await (await get("/reports/2026-03?lang=en")).text();
    expect(html).toContain("Monthly evaluation report, March 2026");
    expect(html).toContain("Pingliang Education Bureau");
    expect(html).toContain(INDICATORS.satisfactionRate.formulaEn);
    const block = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}";
    const data = JSON.parse(block) as ReportChartData;
    expect(data.trend.series.map((s) => s.name)).toEqual([
      "Response rate",
      "On-time reply rate",
      "Resolution rate",
      "Satisfaction rate",
    ]);
  });

  it("renders a month without data as a page that says so", async () => {
    const res = await get("/reports/2019-01");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2019年1月暂无统计数据");
    expect(html).toContain(INDICATORS.satisfactionRate.formula);
  });
});
