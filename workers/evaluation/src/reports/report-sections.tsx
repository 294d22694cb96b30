import { formatShanghai, periodLabel } from "../../../../shared/clocks/period";
import type { CaseStatus, Rating, Resolution } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { Counters } from "../../../../shared/scoring/counters";
import { INDICATORS, type IndicatorId, indicatorValue, rateParts } from "../../../../shared/scoring/indicators";
import { RATING_LABELS, RESOLUTION_LABELS, STATUS_LABELS } from "../../../../shared/ui/labels";
import { pct } from "./format";
import { TABLE_INDICATORS } from "./ranking-tables";
import type { NoticeCount, ReplyHighlight } from "./report-queries";

const HEADLINE_RATES: readonly IndicatorId[] = [...TABLE_INDICATORS, "unratedShare"];

/** The month's city-wide figures. */
export function Headline({ totals }: { totals: Counters }) {
  return (
    <dl class="headline">
      <div>
        <dt>受理留言</dt>
        <dd>
          {totals.received}
          <span class="n">件</span>
        </dd>
      </div>
      <div>
        <dt>答复</dt>
        <dd>
          {totals.replied}
          <span class="n">件</span>
        </dd>
      </div>
      {HEADLINE_RATES.map((id) => (
        <div>
          <dt>{INDICATORS[id].name}</dt>
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
  return (
    <div class="table-scroll" role="region" aria-labelledby="trend-caption" tabindex={0}>
      <table class="ranking">
        <caption id="trend-caption">近 12 个月全市情况</caption>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col" class="num">
              受理
            </th>
            <th scope="col" class="num">
              答复
            </th>
            {TABLE_INDICATORS.map((id) => (
              <th scope="col" class="num">
                {INDICATORS[id].name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.map(({ period, counters }) => (
            <tr>
              <th scope="row">
                <a href={`/reports/${period}`}>{periodLabel(period)}</a>
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

const ratingText = (r: ReplyHighlight) =>
  [RATING_LABELS[r.rating as Rating]?.zh, RESOLUTION_LABELS[r.resolution as Resolution]?.zh]
    .filter(Boolean)
    .join("，") || "—";

/** Public cases rated in the month: title masked, never anything about the petitioner. */
export function HighlightTable({ rows, id, caption }: { rows: ReplyHighlight[]; id: string; caption: string }) {
  if (rows.length === 0) return <p class="hint">{caption}：本月没有。</p>;
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">留言编号</th>
            <th scope="col">标题</th>
            <th scope="col">承办单位</th>
            <th scope="col">评价</th>
            <th scope="col">当前状态</th>
            <th scope="col">评价时间</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="mono">
                <a href={`/cases/${r.trackingNo}`}>{formatTrackingNo(r.trackingNo)}</a>
              </td>
              <td>{r.title}</td>
              <td>{r.department ?? "—"}</td>
              <td>{ratingText(r)}</td>
              <td>{STATUS_LABELS[r.status as CaseStatus]?.zh ?? "—"}</td>
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
  if (notices.length === 0) return <p class="hint">本月没有发出通报。</p>;
  const total = notices.reduce((s, n) => s + n.n, 0);
  return (
    <table>
      <caption>本月通报 {total} 件（逾期五个工作日仍未办理）</caption>
      <thead>
        <tr>
          <th scope="col">承办单位</th>
          <th scope="col" class="num">
            通报件数
          </th>
        </tr>
      </thead>
      <tbody>
        {notices.map((n) => (
          <tr>
            <th scope="row">{n.name ?? "分办环节"}</th>
            <td class="num">{n.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
