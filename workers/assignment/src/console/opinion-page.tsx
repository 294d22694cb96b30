import { formatShanghai } from "../../../../shared/clocks/period";
import { can } from "../../../../shared/domain/permissions";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";
import { scriptJson } from "../../../../shared/ui/script-json";
import { ALL_REGIONS, type OpinionView } from "../desk/opinion-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";
import { EvaluationStyles, PeriodNav } from "./evaluation-parts";
import { OpinionIssuesSection } from "./opinion-issues-section";

export interface OpinionPageProps {
  staff: Staff;
  period: string;
  region: string;
  regions: { code: string; name: string }[];
  view: OpinionView;
  topic: { id: string; title: string } | null;
}

const MEMBERS_LINKED = 20;
const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** 舆情分析: hot issues first (每月一题 is chosen from them), then hot and rising terms, near-duplicate clusters. Tables first; charts on top when scripts run. */
export function OpinionPage({ staff, period, region, regions, view, topic }: OpinionPageProps) {
  const t = consoleText();
  const regionName = region === ALL_REGIONS ? t.wholeCity : (regions.find((r) => r.code === region)?.name ?? region);
  const empty = view.issues.length === 0 && view.hot.length === 0 && view.clusters.length === 0;
  const chartData = {
    hot: view.hot.map((x) => ({ term: x.term, n: x.n })),
    rising: view.rising.map((x) => ({ term: x.term, recent: x.recent, baseline: x.baseline })),
  };
  return (
    <ConsoleLayout title={t.opinionTitle} staff={staff}>
      <EvaluationStyles />
      <h1>
        {t.opinionTitle} · {consoleMonth(period)} · {regionName}
      </h1>
      <PeriodNav path="/console/evaluation/opinion" period={period} extra={{ region }} />
      <form method="get" action="/console/evaluation/opinion" class="no-print">
        <input type="hidden" name="period" value={period} />
        <label for="opinion-region">{t.region}</label>
        <select id="opinion-region" name="region">
          <option value={ALL_REGIONS} selected={region === ALL_REGIONS}>
            {t.wholeCity}
          </option>
          {regions.map((r) => (
            <option value={r.code} selected={r.code === region}>
              {r.name}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          {t.show}
        </button>
      </form>
      <p data-testid="opinion-ran-at">
        {view.ranAt ? t.ranAt(formatShanghai(view.ranAt)) : <strong>{t.neverRan}</strong>}
      </p>
      {empty ? (
        <section class="card">
          <p data-testid="opinion-empty">{t.noAnalysis(consoleMonth(period), regionName)}</p>
        </section>
      ) : (
        <>
          <OpinionIssuesSection
            issues={view.issues}
            regions={regions}
            period={period}
            topic={topic}
            canChoose={can(staff, "eval.topic")}
          />
          <section class="card" id="hot">
            <h2>{t.hotTitle(view.hot.length)}</h2>
            <div
              id="chart-hot"
              class="chart"
              role="img"
              aria-label={t.hotChart}
              data-messages={t.chartLabels.messages}
              hidden
            />
            <table data-testid="opinion-hot">
              <thead>
                <tr>
                  <th class="num">{t.colRank}</th>
                  <th>{t.colTerm}</th>
                  <th class="num">{t.colMessages}</th>
                  <th class="num">{t.colRecent}</th>
                  <th class="num">{t.colDissatisfied}</th>
                </tr>
              </thead>
              <tbody>
                {view.hot.map((x, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td lang={userLang()}>{x.term}</td>
                    <td class="num">{x.n}</td>
                    <td class="num">{x.recent}</td>
                    <td class="num">{x.dissatisfied}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card" id="rising">
            <h2>{t.risingTitle}</h2>
            {view.rising.length === 0 ? (
              <p>{t.noRising}</p>
            ) : (
              <>
                <div
                  id="chart-rising"
                  class="chart"
                  role="img"
                  aria-label={t.risingChart}
                  data-cases={t.chartLabels.cases}
                  data-recent={t.chartLabels.recent}
                  data-usual={t.chartLabels.usual}
                  hidden
                />
                <table data-testid="opinion-rising">
                  <thead>
                    <tr>
                      <th>{t.colTerm}</th>
                      <th class="num">{t.colRecent}</th>
                      <th class="num">{t.colBaseline}</th>
                      <th class="num">{t.colRatio}</th>
                      <th class="num">{t.colBurst}</th>
                      <th class="num">{t.colMonthMessages}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rising.map((x) => (
                      <tr>
                        <td lang={userLang()}>{x.term}</td>
                        <td class="num">{x.recent}</td>
                        <td class="num">{one(x.baseline)}</td>
                        <td class="num">{x.baseline > 0 ? one(x.recent / x.baseline) : "—"}</td>
                        <td class="num">{one(x.burst)}</td>
                        <td class="num">{x.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section class="card" id="clusters">
            <h2>{t.clustersTitle}</h2>
            {view.clusters.length === 0 ? (
              <p>{t.noClusters}</p>
            ) : (
              <table data-testid="opinion-clusters">
                <thead>
                  <tr>
                    <th>{t.colProblem}</th>
                    <th class="num">{t.colSize}</th>
                    <th>{t.region}</th>
                    <th>{t.colCases}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.clusters.map((c) => (
                    <tr id={`cluster-${c.clusterId}`}>
                      <td lang={userLang()}>{c.label}</td>
                      <td class="num">{c.size}</td>
                      <td>{regions.find((r) => r.code === c.regionCode)?.name ?? c.regionCode}</td>
                      <td>
                        {c.caseIds.slice(0, MEMBERS_LINKED).map((id, i) => (
                          <>
                            {i > 0 && " "}
                            <a href={`/console/evaluation/cases/${encodeURIComponent(id)}`}>{t.nth(i + 1)}</a>
                          </>
                        ))}
                        {c.caseIds.length > MEMBERS_LINKED && <span class="hint">{t.andMore(c.caseIds.length)}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {/* The terms are the citizens' words; the charts' own words ride on their containers (data-*). */}
          <script
            type="application/json"
            id="opinion-data"
            lang={userLang()}
            dangerouslySetInnerHTML={{ __html: scriptJson(chartData) }}
          />
          <script src="/reports/assets/echarts.min.js" defer />
          <script src="/console/assets/opinion-charts.js" defer />
        </>
      )}
    </ConsoleLayout>
  );
}
