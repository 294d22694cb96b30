import { INDICATORS, type IndicatorId } from "../../../../shared/scoring/indicators";
import { portalLang } from "../../../../shared/ui/i18n";
import { reportText } from "../../../../shared/ui/i18n-report";
import { pct, score } from "./format";
import type { ReportUnit, UnitTable } from "./report-data";

/** The indicators the ranking tables print, in the order of the contract. */
export const TABLE_INDICATORS: readonly IndicatorId[] = [
  "responseRate",
  "onTimeRate",
  "resolutionRate",
  "satisfactionRate",
];

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
  const t = reportText();
  const en = portalLang() === "en";
  return (
    <thead>
      <tr>
        {ranked ? (
          <th scope="col" class="num">
            {t.colRank}
          </th>
        ) : null}
        <th scope="col">{t.colUnit}</th>
        <th scope="col" class="num">
          {t.colAssigned}
        </th>
        {TABLE_INDICATORS.map((id) => (
          <th scope="col" class="num">
            {en ? INDICATORS[id].nameEn : INDICATORS[id].name}
          </th>
        ))}
        {showPanel ? (
          <th scope="col" class="num">
            {t.colPanel}
          </th>
        ) : null}
        <th scope="col" class="num">
          {t.colScore}
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
  const t = reportText();
  const label = t.kinds[table.kind];
  const showPanel = table.kind === "department";
  const ranked = table.units.filter((u) => u.rank !== null);
  const unranked = table.units.filter((u) => u.rank === null);
  return (
    <>
      {ranked.length === 0 ? (
        <p class="hint">{t.noneRanked(minSample, label)}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
          <table class="ranking">
            <caption id={`${id}-caption`}>{t.rankingCaption(label)}</caption>
            <Head ranked showPanel={showPanel} />
            <UnitRows units={ranked} ranked showPanel={showPanel} />
          </table>
        </div>
      )}
      {unranked.length === 0 ? null : (
        <>
          <h3 id={`${id}-unranked`}>{t.unrankedTitle}</h3>
          <p class="hint">{t.unrankedHint(minSample, label)}</p>
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
