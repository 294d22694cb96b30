import { INDICATORS, type IndicatorId } from "../../../../shared/scoring/indicators";
import { pct, score } from "./format";
import type { ReportUnit, UnitTable } from "./report-data";

/** The indicators the ranking tables print, in the order of the contract. */
export const TABLE_INDICATORS: readonly IndicatorId[] = [
  "responseRate",
  "onTimeRate",
  "resolutionRate",
  "satisfactionRate",
];

const KIND_LABEL = { department: "部门", county: "县（市、区）" } as const;

function RateCell({ unit, id }: { unit: ReportUnit; id: IndicatorId }) {
  return (
    <td class="num">
      {pct(unit.rates[id])}
      <span class="n">n={unit.parts[id].denominator}</span>
    </td>
  );
}

function UnitRows({ units, ranked, showPanel }: { units: ReportUnit[]; ranked: boolean; showPanel: boolean }) {
  return (
    <tbody>
      {units.map((u) => (
        <tr>
          {ranked ? <td class="num">{u.rank}</td> : null}
          <th scope="row">{u.name}</th>
          <td class="num">{u.sample}</td>
          {TABLE_INDICATORS.map((id) => (
            <RateCell unit={u} id={id} />
          ))}
          {showPanel ? <td class="num">{score(u.panelScore)}</td> : null}
          <td class="num score">{score(u.score)}</td>
        </tr>
      ))}
    </tbody>
  );
}

function Head({ ranked, showPanel }: { ranked: boolean; showPanel: boolean }) {
  return (
    <thead>
      <tr>
        {ranked ? (
          <th scope="col" class="num">
            排名
          </th>
        ) : null}
        <th scope="col">单位</th>
        <th scope="col" class="num">
          交办件数
        </th>
        {TABLE_INDICATORS.map((id) => (
          <th scope="col" class="num">
            {INDICATORS[id].name}
          </th>
        ))}
        {showPanel ? (
          <th scope="col" class="num">
            评议得分
          </th>
        ) : null}
        <th scope="col" class="num">
          综合得分
        </th>
      </tr>
    </thead>
  );
}

/** One kind's ranking: the ranked units, then those below the minimum sample in a group of their own. */
export function RankingTables({
  table,
  minSample,
  id,
  headingId,
}: {
  table: UnitTable;
  minSample: number;
  id: string;
  headingId: string;
}) {
  const label = KIND_LABEL[table.kind];
  const showPanel = table.kind === "department";
  const ranked = table.units.filter((u) => u.rank !== null);
  const unranked = table.units.filter((u) => u.rank === null);
  return (
    <>
      {ranked.length === 0 ? (
        <p class="hint">
          本月没有达到样本下限（交办 {minSample} 件）的{label}。
        </p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
          <table class="ranking">
            <caption id={`${id}-caption`}>{label}排名（按综合得分，百分比下方的 n 为该指标的分母件数）</caption>
            <Head ranked showPanel={showPanel} />
            <UnitRows units={ranked} ranked showPanel={showPanel} />
          </table>
        </div>
      )}
      {unranked.length === 0 ? null : (
        <>
          <h3 id={`${id}-unranked`}>样本不足，不参与排名</h3>
          <p class="hint">
            交办件数少于 {minSample} 件（或本月没有可计算的指标）的{label}
            照常公布数据，但不排名：几件案件的满分说明不了问题。
          </p>
          <div class="table-scroll" role="region" aria-labelledby={`${headingId} ${id}-unranked`} tabindex={0}>
            <table class="ranking unranked">
              <Head ranked={false} showPanel={showPanel} />
              <UnitRows units={unranked} ranked={false} showPanel={showPanel} />
            </table>
          </div>
        </>
      )}
    </>
  );
}
