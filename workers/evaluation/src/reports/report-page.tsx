import { indicatorValue } from "../../../../shared/scoring/indicators";
import { reportMonth, reportText } from "../../../../shared/ui/i18n-report";
import { Layout } from "../../../../shared/ui/layout";
import { scriptJson } from "../../../../shared/ui/script-json";
import { BoilerplateTable } from "./boilerplate-table";
import { pctValue } from "./format";
import { MethodSection } from "./method-section";
import { RankingTables, TABLE_INDICATORS } from "./ranking-tables";
import type { ReportChartData } from "./report-charts.client";
import type { ReportData, UnitTable } from "./report-data";
import { Headline, HighlightTable, indicatorName, NoticeTable, TrendTable } from "./report-sections";

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
        name: indicatorName(id),
        values: data.trend.map((t) => (t.counters ? pctValue(indicatorValue(id, t.counters)) : null)),
      })),
    },
  };
}

/** 月度评议报告: the month's figures, rankings, method, trend, best and worst replies and 通报. */
export function ReportPage({ data, hrefs }: { data: ReportData; hrefs: ReportHrefs }) {
  const t = reportText();
  const label = reportMonth(data.period);
  const q = `period=${data.period}`;
  return (
    <Layout title={t.title(label)} head={<link rel="stylesheet" href={hrefs.css} />}>
      <div class="report">
        <h1>{t.heading(label)}</h1>
        <nav class="report-nav" aria-label={t.navLabel}>
          {data.prev ? (
            <a href={`/reports/${data.prev}`} rel="prev">
              {t.prev(reportMonth(data.prev))}
            </a>
          ) : null}
          {data.next ? (
            <a href={`/reports/${data.next}`} rel="next">
              {t.next(reportMonth(data.next))}
            </a>
          ) : null}
          <span class="downloads">
            {t.downloads}
            <a href={`/api/v1/rankings.csv?${q}&kind=department`} download>
              {t.csvDepartments}
            </a>{" "}
            ·{" "}
            <a href={`/api/v1/rankings.csv?${q}&kind=county`} download>
              {t.csvCounties}
            </a>{" "}
            · <a href={`/api/v1/rankings?${q}&kind=department`}>{t.jsonDepartments}</a> ·{" "}
            <a href={`/api/v1/rankings?${q}&kind=county`}>{t.jsonCounties}</a>
          </span>
        </nav>

        <section class="card" aria-labelledby="headline">
          <h2 id="headline">{t.headlineTitle}</h2>
          {data.hasData ? <Headline totals={data.totals} /> : <p>{t.noData(label)}</p>}
        </section>

        <section class="card" aria-labelledby="departments">
          <h2 id="departments">{t.departmentsTitle}</h2>
          <div class="chart" id="chart-departments" aria-hidden="true"></div>
          <RankingTables table={data.departments} minSample={data.config.minSample} id="dept" headingId="departments" />
        </section>

        <section class="card" aria-labelledby="counties">
          <h2 id="counties">{t.countiesTitle}</h2>
          <div class="chart" id="chart-counties" aria-hidden="true"></div>
          <RankingTables table={data.counties} minSample={data.config.minSample} id="county" headingId="counties" />
        </section>

        <section class="card" aria-labelledby="trend">
          <h2 id="trend">{t.trendTitle}</h2>
          <div class="chart" id="chart-trend" aria-hidden="true"></div>
          <TrendTable trend={data.trend} />
        </section>

        <section class="card" aria-labelledby="replies">
          <h2 id="replies">{t.repliesTitle}</h2>
          <p class="hint">{t.repliesHint}</p>
          <HighlightTable rows={data.best} id="best" caption={t.bestCaption} />
          <HighlightTable rows={data.worst} id="worst" caption={t.worstCaption} />
        </section>

        <section class="card" aria-labelledby="boilerplate">
          <h2 id="boilerplate">{t.boilerplateTitle}</h2>
          <p class="hint">{t.boilerplateHint}</p>
          <BoilerplateTable table={data.departments} />
        </section>

        <section class="card" aria-labelledby="notices">
          <h2 id="notices">{t.noticesTitle}</h2>
          <NoticeTable notices={data.notices} />
          <p>
            <a href="/notices">{t.allNotices}</a>
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
  const t = reportText();
  return (
    <Layout title={t.noReportTitle}>
      <h1>{t.noReportHeading}</h1>
      <section class="card">
        <p>{t.noReportHint}</p>
        <p>
          <a href="/reports">{t.latest}</a>
        </p>
      </section>
    </Layout>
  );
}
