import { formatShanghai, periodLabel } from "../../../../shared/clocks/period";
import { scriptJson } from "../../../../shared/ui/script-json";
import { ALL_REGIONS, type OpinionView } from "../desk/opinion-queries";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";
import { EvaluationStyles, PeriodNav } from "./evaluation-parts";

export interface OpinionPageProps {
  staff: Staff;
  period: string;
  region: string;
  regions: { code: string; name: string }[];
  view: OpinionView;
}

const MEMBERS_LINKED = 20;
const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** 舆情分析: hot and rising terms, clusters of the same problem, 每月一题 candidates. Tables first; charts on top when scripts run. */
export function OpinionPage({ staff, period, region, regions, view }: OpinionPageProps) {
  const regionName = region === ALL_REGIONS ? "全市" : (regions.find((r) => r.code === region)?.name ?? region);
  const empty = view.hot.length === 0 && view.clusters.length === 0;
  const chartData = {
    hot: view.hot.map((t) => ({ term: t.term, n: t.n })),
    rising: view.rising.map((t) => ({ term: t.term, recent: t.recent, baseline: t.baseline })),
  };
  return (
    <ConsoleLayout title="舆情分析" staff={staff}>
      <EvaluationStyles />
      <h1>
        舆情分析 · {periodLabel(period)} · {regionName}
      </h1>
      <PeriodNav path="/console/evaluation/opinion" period={period} extra={{ region }} />
      <form method="get" action="/console/evaluation/opinion" class="no-print">
        <input type="hidden" name="period" value={period} />
        <label for="opinion-region">区域</label>
        <select id="opinion-region" name="region">
          <option value={ALL_REGIONS} selected={region === ALL_REGIONS}>
            全市
          </option>
          {regions.map((r) => (
            <option value={r.code} selected={r.code === region}>
              {r.name}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          查看
        </button>
      </form>
      <p data-testid="opinion-ran-at">
        {view.ranAt ? (
          <>分析最近一次运行于 {formatShanghai(view.ranAt)}（北京时间）。</>
        ) : (
          <strong>舆情分析尚未运行过，还没有任何分析结果。</strong>
        )}
      </p>
      {empty ? (
        <section class="card">
          <p data-testid="opinion-empty">
            {periodLabel(period)}
            {regionName}还没有分析结果。
          </p>
        </section>
      ) : (
        <>
          <section class="card" id="candidates">
            <h2>每月一题候选</h2>
            {view.candidates.length === 0 ? (
              <p>暂无候选。</p>
            ) : (
              <table data-testid="opinion-candidates">
                <thead>
                  <tr>
                    <th class="num">序号</th>
                    <th>议题</th>
                    <th>理由</th>
                    <th class="num">得分</th>
                  </tr>
                </thead>
                <tbody>
                  {view.candidates.map((c, i) => (
                    <tr>
                      <td class="num">{i + 1}</td>
                      <td>
                        {c.clusterId ? (
                          <>
                            <a href={`#cluster-${c.clusterId}`}>{c.label}</a> <span class="hint">（相似留言）</span>
                          </>
                        ) : (
                          c.label
                        )}
                      </td>
                      <td>{c.reason}</td>
                      <td class="num">{one(c.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="card" id="hot">
            <h2>热点词（前 {view.hot.length} 个）</h2>
            <div id="chart-hot" class="chart" role="img" aria-label="热点词留言量柱状图" hidden />
            <table data-testid="opinion-hot">
              <thead>
                <tr>
                  <th class="num">序号</th>
                  <th>词语</th>
                  <th class="num">留言量</th>
                  <th class="num">近 7 日</th>
                  <th class="num">不满意</th>
                </tr>
              </thead>
              <tbody>
                {view.hot.map((t, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td>{t.term}</td>
                    <td class="num">{t.n}</td>
                    <td class="num">{t.recent}</td>
                    <td class="num">{t.dissatisfied}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card" id="rising">
            <h2>上升词</h2>
            {view.rising.length === 0 ? (
              <p>本月没有明显上升的词语。</p>
            ) : (
              <>
                <div id="chart-rising" class="chart" role="img" aria-label="上升词近 7 日与往常水平对比图" hidden />
                <table data-testid="opinion-rising">
                  <thead>
                    <tr>
                      <th>词语</th>
                      <th class="num">近 7 日</th>
                      <th class="num">往常水平（7 日）</th>
                      <th class="num">倍数</th>
                      <th class="num">突发分值</th>
                      <th class="num">本月留言量</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.rising.map((t) => (
                      <tr>
                        <td>{t.term}</td>
                        <td class="num">{t.recent}</td>
                        <td class="num">{one(t.baseline)}</td>
                        <td class="num">{t.baseline > 0 ? one(t.recent / t.baseline) : "—"}</td>
                        <td class="num">{one(t.burst)}</td>
                        <td class="num">{t.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section class="card" id="clusters">
            <h2>同一问题的集中留言</h2>
            {view.clusters.length === 0 ? (
              <p>本月没有相似留言聚集。</p>
            ) : (
              <table data-testid="opinion-clusters">
                <thead>
                  <tr>
                    <th>问题</th>
                    <th class="num">留言数</th>
                    <th>区域</th>
                    <th>留言</th>
                  </tr>
                </thead>
                <tbody>
                  {view.clusters.map((c) => (
                    <tr id={`cluster-${c.clusterId}`}>
                      <td>{c.label}</td>
                      <td class="num">{c.size}</td>
                      <td>{regions.find((r) => r.code === c.regionCode)?.name ?? c.regionCode}</td>
                      <td>
                        {c.caseIds.slice(0, MEMBERS_LINKED).map((id, i) => (
                          <>
                            {i > 0 && " "}
                            <a href={`/console/evaluation/cases/${encodeURIComponent(id)}`}>第 {i + 1} 件</a>
                          </>
                        ))}
                        {c.caseIds.length > MEMBERS_LINKED && <span class="hint"> 等 {c.caseIds.length} 件</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <script
            type="application/json"
            id="opinion-data"
            dangerouslySetInnerHTML={{ __html: scriptJson(chartData) }}
          />
          <script src="/reports/assets/echarts.min.js" defer />
          <script src="/console/assets/opinion-charts.js" defer />
        </>
      )}
    </ConsoleLayout>
  );
}
