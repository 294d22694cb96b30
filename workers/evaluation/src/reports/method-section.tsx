import { INDICATOR_IDS, INDICATORS, type IndicatorId } from "../../../../shared/scoring/indicators";
import type { RankingConfig } from "../../../../shared/scoring/ranking";
import { portalLang } from "../../../../shared/ui/i18n";
import { reportText } from "../../../../shared/ui/i18n-report";
import { pct } from "./format";

/** "How the score is computed": every formula, weight and setting, so the published numbers can be checked by hand. */
export function MethodSection({ config, means }: { config: RankingConfig; means: Record<IndicatorId, number | null> }) {
  const t = reportText();
  const en = portalLang() === "en";
  const weightSum = INDICATOR_IDS.reduce((s, id) => s + (config.weights[id] ?? 0), 0);
  const share = (id: IndicatorId) => {
    const w = config.weights[id] ?? 0;
    return w > 0 ? `${Math.round((1000 * w) / weightSum) / 10}%` : t.notCounted;
  };
  const m = config.priorStrength;
  const panel = Math.round(config.panelShare * 100);
  return (
    <section class="card" aria-labelledby="method">
      <h2 id="method">{t.methodTitle}</h2>
      <p>{t.methodIntro}</p>
      <div class="table-scroll" role="region" aria-labelledby="method-caption" tabindex={0}>
        <table class="method">
          <caption id="method-caption">{t.methodCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colIndicator}</th>
              <th scope="col">{t.colFormula}</th>
              <th scope="col" class="num">
                {t.colWeight}
              </th>
              <th scope="col">{t.colDirection}</th>
              <th scope="col" class="num">
                {t.colMean}
              </th>
            </tr>
          </thead>
          <tbody>
            {INDICATOR_IDS.map((id) => (
              <tr>
                <th scope="row">{en ? INDICATORS[id].nameEn : INDICATORS[id].name}</th>
                <td class="formula">{en ? INDICATORS[id].formulaEn : INDICATORS[id].formula}</td>
                <td class="num">{share(id)}</td>
                <td>{INDICATORS[id].higherIsBetter ? t.higherIsBetter : t.lowerIsBetter}</td>
                <td class="num">{pct(means[id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="method">
        <li>
          <strong>{t.minSampleLabel}</strong>
          {t.minSampleText(config.minSample)}
        </li>
        <li>
          <strong>{t.priorLabel(m)}</strong>
          {t.priorText(m)}
          <span class="formula">{t.priorFormula(m)}</span>
        </li>
        <li>
          <strong>{t.objectiveLabel}</strong>
          {t.objectiveText}
        </li>
        <li>
          <strong>{t.compositeLabel}</strong>
          {t.compositeText(panel)}
        </li>
        <li>{t.ties}</li>
      </ul>
    </section>
  );
}
