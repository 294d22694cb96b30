import { reportText } from "../../../../shared/ui/i18n-report";
import { pct } from "./format";
import type { ReportUnit, UnitTable } from "./report-data";

/**
 * 套话答复: per department, the month's published replies the reply check judged, how many of them
 * were boilerplate, and the share — highest share first, so the departments answering with
 * "已收悉" head the list. From the rollups (replyChecked, replyBoilerplate), like every other figure.
 */
export function BoilerplateTable({ table }: { table: UnitTable }) {
  const t = reportText();
  const share = (u: ReportUnit) => u.rates.boilerplateShare ?? 0;
  const rows = table.units
    .filter((u) => u.parts.boilerplateShare.denominator > 0)
    .sort(
      (a, b) =>
        share(b) - share(a) ||
        b.parts.boilerplateShare.denominator - a.parts.boilerplateShare.denominator ||
        a.name.localeCompare(b.name, "zh-CN"),
    );
  if (rows.length === 0) return <p class="hint">{t.noReplyChecks}</p>;
  return (
    <div class="table-scroll" role="region" aria-labelledby="boilerplate-caption" tabindex={0}>
      <table class="ranking" data-testid="boilerplate-departments">
        <caption id="boilerplate-caption">{t.boilerplateCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colUnit}</th>
            <th scope="col" class="num">
              {t.colChecked}
            </th>
            <th scope="col" class="num">
              {t.colBoilerplate}
            </th>
            <th scope="col" class="num">
              {t.colBoilerplateShare}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr data-unit={u.unitId}>
              <th scope="row">{u.name}</th>
              <td class="num">{u.parts.boilerplateShare.denominator}</td>
              <td class="num">{u.parts.boilerplateShare.numerator}</td>
              <td class="num">{pct(u.rates.boilerplateShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
