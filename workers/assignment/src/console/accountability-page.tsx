import { formatShanghai, periodLabel } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import {
  type DepartmentAccountability,
  type HandlerAccountability,
  type NoticeRecord,
  RECORDS_SHOWN,
  THRESHOLDS,
  TRAILING_MONTHS,
} from "../desk/accountability-queries";
import { percent } from "../desk/evaluation-period";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";
import { EvaluationStyles, PeriodNav } from "./evaluation-parts";

export interface AccountabilityPageProps {
  staff: Staff;
  period: string;
  departments: DepartmentAccountability[];
  records: NoticeRecord[];
  handlers: HandlerAccountability[];
}

const STAGES: Record<string, string> = { dispatch: "分办", acknowledge: "签收", reply: "答复" };

/** A number, in red with a marker when it crosses a threshold (the marker survives black-and-white print). */
function Flagged({ on, children, why }: { on: boolean; children: string | number; why: string }) {
  return on ? (
    <strong class="flag" title={why}>
      {children} ▲
    </strong>
  ) : (
    children
  );
}

function CaseLinks({ trackingNos }: { trackingNos: string[] }) {
  return (
    <>
      {trackingNos.map((t, i) => (
        <>
          {i > 0 && "、"}
          <a href={`/console/cases/${t}`} class="mono">
            {formatTrackingNo(t)}
          </a>
        </>
      ))}
    </>
  );
}

/** 问责清单: repeated 督办 / 通报, redo rates and late 签收 per department, the 通报 records, and per handler. Printable. */
export function AccountabilityPage({ staff, period, departments, records, handlers }: AccountabilityPageProps) {
  const title = `问责清单 · ${periodLabel(period)}`;
  return (
    <ConsoleLayout title={title} staff={staff}>
      <EvaluationStyles />
      <h1>平凉市网络问政{title}</h1>
      <p class="no-print">请使用浏览器的打印功能打印本页。</p>
      <PeriodNav path="/console/evaluation/accountability" period={period} />
      <p class="hint">
        标 ▲ 的数字超过问责提示线：近 {TRAILING_MONTHS} 个月（含本月）通报 ≥ {THRESHOLDS.noticed} 次、督办 ≥{" "}
        {THRESHOLDS.supervised} 次，本月重办率（重办 ÷ 答复）或迟签收率（逾期签收 ÷ 交办）超过{" "}
        {THRESHOLDS.redoRate * 100}%。
      </p>
      <section class="card" id="departments">
        <h2>单位</h2>
        {departments.length === 0 ? (
          <p>近 {TRAILING_MONTHS} 个月没有单位被催办、督办或通报，本月也没有重办和迟签收。</p>
        ) : (
          <table data-testid="accountability-departments">
            <thead>
              <tr>
                <th>单位</th>
                <th class="num">本月催办</th>
                <th class="num">本月督办</th>
                <th class="num">本月通报</th>
                <th class="num">近{TRAILING_MONTHS}月督办</th>
                <th class="num">近{TRAILING_MONTHS}月通报</th>
                <th class="num">重办率</th>
                <th class="num">迟签收率</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr data-department={d.departmentId}>
                  <th scope="row">{d.name}</th>
                  <td class="num">{d.month.urged}</td>
                  <td class="num">{d.month.supervised}</td>
                  <td class="num">{d.month.noticed}</td>
                  <td class="num">
                    <Flagged on={d.flags.supervised} why="多次督办">
                      {d.trailing.supervised}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged on={d.flags.noticed} why="多次通报">
                      {d.trailing.noticed}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged
                      on={d.flags.redo}
                      why="重办率偏高"
                    >{`${percent(d.redoRate)}（${d.month.redone}/${d.month.replied}）`}</Flagged>
                  </td>
                  <td class="num">
                    <Flagged
                      on={d.flags.late}
                      why="迟签收偏多"
                    >{`${percent(d.lateRate)}（${d.month.acknowledgedLate}/${d.month.assigned}）`}</Flagged>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" id="records">
        <h2>本月通报记录</h2>
        {records.length === 0 ? (
          <p>本月没有通报。</p>
        ) : (
          <>
            <table>
              <thead>
                <tr>
                  <th>单位</th>
                  <th>留言编号</th>
                  <th>逾期环节</th>
                  <th>办理期限</th>
                  <th>通报时间</th>
                </tr>
              </thead>
              <tbody>
                {records.slice(0, RECORDS_SHOWN).map((r) => (
                  <tr>
                    <td>{r.department}</td>
                    <td>
                      <CaseLinks trackingNos={[r.trackingNo]} />
                    </td>
                    <td>{STAGES[r.stage] ?? r.stage}</td>
                    <td>{formatShanghai(r.dueAt)}</td>
                    <td>{formatShanghai(r.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {records.length > RECORDS_SHOWN && <p class="hint">只列出前 {RECORDS_SHOWN} 条。</p>}
          </>
        )}
      </section>
      <section class="card" id="handlers">
        <h2>承办人</h2>
        <p class="hint">
          本月逾期签收的，以及所办留言被催办、督办或通报的承办人（以最近一次交办后的签收人为准；尚未签收的记在单位名下）。
        </p>
        {handlers.length === 0 ? (
          <p>本月没有逾期签收或被催办的留言。</p>
        ) : (
          <table data-testid="accountability-handlers">
            <thead>
              <tr>
                <th>单位</th>
                <th>承办人</th>
                <th class="num">逾期签收</th>
                <th class="num">被催办</th>
                <th>留言</th>
              </tr>
            </thead>
            <tbody>
              {handlers.map((h) => (
                <tr>
                  <td>{h.department}</td>
                  <td>{h.userId ? (h.displayName ?? h.userId) : "（尚未签收）"}</td>
                  <td class="num">{h.late.length}</td>
                  <td class="num">{h.urged.length}</td>
                  <td>
                    <CaseLinks trackingNos={[...new Set([...h.late, ...h.urged])]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p class="print-only">平凉市网络问政办公室 · 督查室　打印时间：{formatShanghai(new Date().toISOString())}</p>
    </ConsoleLayout>
  );
}
