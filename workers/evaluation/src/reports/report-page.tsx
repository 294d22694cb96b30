import { periodLabel } from "../../../../shared/clocks/period";
import { INDICATORS, indicatorValue } from "../../../../shared/scoring/indicators";
import { Layout } from "../../../../shared/ui/layout";
import { scriptJson } from "../../../../shared/ui/script-json";
import { pctValue } from "./format";
import { MethodSection } from "./method-section";
import { RankingTables, TABLE_INDICATORS } from "./ranking-tables";
import type { ReportChartData } from "./report-charts.client";
import type { ReportData, UnitTable } from "./report-data";
import { Headline, HighlightTable, NoticeTable, TrendTable } from "./report-sections";

export interface ReportHrefs {
  css: string;
  echarts: string;
  charts: string;
}

const ranked = (t: UnitTable) =>
  t.units.flatMap((u) => (u.rank !== null && u.score !== null ? [{ name: u.name, score: u.score }] : []));

export function chartData(data: ReportData): ReportChartData {
  return {
    departments: ranked(data.departments),
    counties: ranked(data.counties),
    trend: {
      periods: data.trend.map((t) => t.period),
      series: TABLE_INDICATORS.map((id) => ({
        name: INDICATORS[id].name,
        values: data.trend.map((t) => (t.counters ? pctValue(indicatorValue(id, t.counters)) : null)),
      })),
    },
  };
}

/** 月度评议报告: the month's figures, rankings, method, trend, best and worst replies and 通报. */
export function ReportPage({ data, hrefs }: { data: ReportData; hrefs: ReportHrefs }) {
  const label = periodLabel(data.period);
  const q = `period=${data.period}`;
  return (
    <Layout title={`${label}月度评议报告`} head={<link rel="stylesheet" href={hrefs.css} />}>
      <div class="report">
        <h1>平凉市网络问政月度评议报告 · {label}</h1>
        <nav class="report-nav" aria-label="月份与下载">
          {data.prev ? (
            <a href={`/reports/${data.prev}`} rel="prev">
              ← 上一期（{periodLabel(data.prev)}）
            </a>
          ) : null}
          {data.next ? (
            <a href={`/reports/${data.next}`} rel="next">
              下一期（{periodLabel(data.next)}）→
            </a>
          ) : null}
          <span class="downloads">
            下载排名：
            <a href={`/api/v1/rankings.csv?${q}&kind=department`} download>
              部门 CSV
            </a>{" "}
            ·{" "}
            <a href={`/api/v1/rankings.csv?${q}&kind=county`} download>
              县区 CSV
            </a>{" "}
            · <a href={`/api/v1/rankings?${q}&kind=department`}>部门 JSON</a> ·{" "}
            <a href={`/api/v1/rankings?${q}&kind=county`}>县区 JSON</a>
          </span>
        </nav>

        <section class="card" aria-labelledby="headline">
          <h2 id="headline">本月概况</h2>
          {data.hasData ? <Headline totals={data.totals} /> : <p>{label}暂无统计数据。</p>}
        </section>

        <section class="card" aria-labelledby="departments">
          <h2 id="departments">部门排名</h2>
          <div class="chart" id="chart-departments" aria-hidden="true"></div>
          <RankingTables table={data.departments} minSample={data.config.minSample} id="dept" headingId="departments" />
        </section>

        <section class="card" aria-labelledby="counties">
          <h2 id="counties">县（市、区）排名</h2>
          <div class="chart" id="chart-counties" aria-hidden="true"></div>
          <RankingTables table={data.counties} minSample={data.config.minSample} id="county" headingId="counties" />
        </section>

        <section class="card" aria-labelledby="trend">
          <h2 id="trend">近 12 个月走势</h2>
          <div class="chart" id="chart-trend" aria-hidden="true"></div>
          <TrendTable trend={data.trend} />
        </section>

        <section class="card" aria-labelledby="replies">
          <h2 id="replies">本月好评与差评答复</h2>
          <p class="hint">公开留言中本月评价为“满意且已解决”与“不满意”的答复，各列最近几件；标题中的个人信息已遮盖。</p>
          <HighlightTable rows={data.best} id="best" caption="好评答复（满意、已解决）" />
          <HighlightTable rows={data.worst} id="worst" caption="差评答复（不满意）" />
        </section>

        <section class="card" aria-labelledby="notices">
          <h2 id="notices">本月通报</h2>
          <NoticeTable notices={data.notices} />
          <p>
            <a href="/notices">查看全部通报</a>
          </p>
        </section>

        <MethodSection config={data.config} means={data.departments.means} />
      </div>
      <script
        type="application/json"
        id="report-data"
        dangerouslySetInnerHTML={{ __html: scriptJson(chartData(data)) }}
      />
      <script src={hrefs.echarts} defer />
      <script src={hrefs.charts} defer />
    </Layout>
  );
}

/** A month that cannot be: the period is malformed. */
export function NoReportPage() {
  return (
    <Layout title="月度评议报告">
      <h1>没有这一期报告</h1>
      <section class="card">
        <p>月份格式应为 YYYY-MM，例如 /reports/2026-03。</p>
        <p>
          <a href="/reports">查看最新一期</a>
        </p>
      </section>
    </Layout>
  );
}
