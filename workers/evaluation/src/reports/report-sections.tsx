import { formatShanghai } from "../../../../shared/clocks/period";
import type { CaseStatus, Rating, Resolution } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { Counters } from "../../../../shared/scoring/counters";
import { INDICATORS, type IndicatorId, indicatorValue, rateParts } from "../../../../shared/scoring/indicators";
import { localName, portalLang, userLang } from "../../../../shared/ui/i18n";
import { reportMonth, reportText } from "../../../../shared/ui/i18n-report";
import { RATING_LABELS, RESOLUTION_LABELS, STATUS_LABELS } from "../../../../shared/ui/labels";
import { pct } from "./format";
import { TABLE_INDICATORS } from "./ranking-tables";
import type { NoticeCount, ReplyHighlight } from "./report-queries";

const HEADLINE_RATES: readonly IndicatorId[] = [...TABLE_INDICATORS, "unratedShare", "boilerplateShare"];

/** The month's city-wide figures. */
export function Headline({ totals }: { totals: Counters }) {
  const t = reportText();
  return (
    <dl class="headline">
      <div>
        <dt>{t.received}</dt>
        <dd>
          {totals.received}
          {t.pieces && <span class="n">{t.pieces}</span>}
        </dd>
      </div>
      <div>
        <dt>{t.replied}</dt>
        <dd>
          {totals.replied}
          {t.pieces && <span class="n">{t.pieces}</span>}
        </dd>
      </div>
      {HEADLINE_RATES.map((id) => (
        <div>
          <dt>{indicatorName(id)}</dt>
          <dd>
            {pct(indicatorValue(id, totals))}
            <span class="n">n={rateParts(INDICATORS[id], totals).denominator}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The last twelve months city-wide: the table behind the trend chart. */
export function TrendTable({ trend }: { trend: { period: string; counters: Counters | null }[] }) {
  const t = reportText();
  return (
    <div class="table-scroll" role="region" aria-labelledby="trend-caption" tabindex={0}>
      <table class="ranking">
        <caption id="trend-caption">{t.trendCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colMonth}</th>
            <th scope="col" class="num">
              {t.colReceived}
            </th>
            <th scope="col" class="num">
              {t.colReplied}
            </th>
            {TABLE_INDICATORS.map((id) => (
              <th scope="col" class="num">
                {indicatorName(id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.map(({ period, counters }) => (
            <tr>
              <th scope="row">
                <a href={`/reports/${period}`}>{reportMonth(period)}</a>
              </th>
              <td class="num">{counters?.received ?? "—"}</td>
              <td class="num">{counters?.replied ?? "—"}</td>
              {TABLE_INDICATORS.map((id) => (
                <td class="num">{counters ? pct(indicatorValue(id, counters)) : "—"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An indicator's name in the page's language. */
export const indicatorName = (id: IndicatorId) => (portalLang() === "en" ? INDICATORS[id].nameEn : INDICATORS[id].name);

const ratingText = (r: ReplyHighlight) =>
  [RATING_LABELS[r.rating as Rating]?.[portalLang()], RESOLUTION_LABELS[r.resolution as Resolution]?.[portalLang()]]
    .filter(Boolean)
    .join(reportText().ratingSeparator) || "—";

/** Public cases rated in the month: title masked, never anything about the petitioner. */
export function HighlightTable({ rows, id, caption }: { rows: ReplyHighlight[]; id: string; caption: string }) {
  const t = reportText();
  if (rows.length === 0) return <p class="hint">{t.noneThisMonth(caption)}</p>;
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colCase}</th>
            <th scope="col">{t.colTitle}</th>
            <th scope="col">{t.colDepartment}</th>
            <th scope="col">{t.colRating}</th>
            <th scope="col">{t.colStatus}</th>
            <th scope="col">{t.colRatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="mono">
                <a href={`/cases/${r.trackingNo}`}>{formatTrackingNo(r.trackingNo)}</a>
              </td>
              <td lang={userLang()}>{r.title}</td>
              <td>{r.department ? localName({ name: r.department, nameEn: r.departmentEn }) : "—"}</td>
              <td>{ratingText(r)}</td>
              <td>{STATUS_LABELS[r.status as CaseStatus]?.[portalLang()] ?? "—"}</td>
              <td>{formatShanghai(r.ratedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 通报 issued in the month, per department. */
export function NoticeTable({ notices }: { notices: NoticeCount[] }) {
  const t = reportText();
  if (notices.length === 0) return <p class="hint">{t.noNotices}</p>;
  const total = notices.reduce((s, n) => s + n.n, 0);
  return (
    <table>
      <caption>{t.noticesCaption(total)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.colDepartment}</th>
          <th scope="col" class="num">
            {t.colNotices}
          </th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => (
          <tr>
            <th scope="row">{n.name ? localName({ name: n.name, nameEn: n.nameEn }) : t.dispatchStage}</th>
            <td class="num">{n.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
