import { INDICATOR_IDS, INDICATORS, type IndicatorId } from "../../../../shared/scoring/indicators";
import type { RankingConfig } from "../../../../shared/scoring/ranking";
import { pct } from "./format";

/** "How the score is computed": every formula, weight and setting, so the published numbers can be checked by hand. */
export function MethodSection({ config, means }: { config: RankingConfig; means: Record<IndicatorId, number | null> }) {
  const weightSum = INDICATOR_IDS.reduce((s, id) => s + (config.weights[id] ?? 0), 0);
  const share = (id: IndicatorId) => {
    const w = config.weights[id] ?? 0;
    return w > 0 ? `${Math.round((1000 * w) / weightSum) / 10}%` : "不计入";
  };
  const m = config.priorStrength;
  const panel = Math.round(config.panelShare * 100);
  return (
    <section class="card" aria-labelledby="method">
      <h2 id="method">综合得分如何计算</h2>
      <p>表中的百分比都是本月的原始比率，n 是该指标的分母件数；各项指标按以下公式从本月的统计数据算出。</p>
      <div class="table-scroll" role="region" aria-labelledby="method-caption" tabindex={0}>
        <table class="method">
          <caption id="method-caption">指标、计算公式与权重</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">计算公式</th>
              <th scope="col" class="num">
                权重
              </th>
              <th scope="col">方向</th>
              <th scope="col" class="num">
                本月部门平均
              </th>
            </tr>
          </thead>
          <tbody>
            {INDICATOR_IDS.map((id) => (
              <tr>
                <th scope="row">{INDICATORS[id].name}</th>
                <td class="formula">{INDICATORS[id].formula}</td>
                <td class="num">{share(id)}</td>
                <td>{INDICATORS[id].higherIsBetter ? "越高越好" : "越低越好"}</td>
                <td class="num">{pct(means[id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="method">
        <li>
          <strong>样本下限：</strong>本月交办件数少于 {config.minSample} 件的单位照常公布数据，但不参与排名。
        </li>
        <li>
          <strong>小样本修正（先验强度 m = {m}）：</strong>每个单位的比率都按“本单位的案件再加上 {m}{" "}
          件全市平均水平的案件”来算，案件少的单位更接近平均，案件多的单位主要看自己的实际表现。
          <span class="formula">
            修正后比率 = (本单位达标件数 + {m} × 全市平均比率) ÷ (本单位件数 + {m})
          </span>
        </li>
        <li>
          <strong>客观得分</strong> = 100 × Σ(权重 × 修正后比率) ÷ Σ权重；越低越好的指标按 (1 − 修正后比率)
          计入。本月没有任何单位有数据的指标不计入，其余指标的权重按比例放大。
        </li>
        <li>
          <strong>综合得分</strong> = {100 - panel}% × 客观得分 + {panel}% ×
          评议得分。评议得分是评议员（人大代表、政协委员、专家、媒体和群众代表等）按“领导是否有力、制度是否健全、反馈是否及时、结果是否认可”四项给部门的打分（0–100），按评议组权重加权平均；没有评议得分的单位（含各县、市、区）只看客观得分。
        </li>
        <li>得分相同（保留一位小数后）的单位并列同一名次。</li>
      </ul>
    </section>
  );
}
