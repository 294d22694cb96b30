import { formatShanghai } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";
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

/** The unit a row is about: a department, or the dispatch stage (no department, id ""). */
const unit = (departmentId: string, name: string) => (departmentId === "" ? consoleText().dispatchStage : name);

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
          {i > 0 && consoleText().caseSeparator}
          <a href={`/console/cases/${t}`} class="mono">
            {formatTrackingNo(t)}
          </a>
        </>
      ))}
    </>
  );
}

/** 问责清单: repeated 督办 / 通报, redo, late 签收 and boilerplate rates per department, the 通报 records, and per handler. Printable. */
export function AccountabilityPage({ staff, period, departments, records, handlers }: AccountabilityPageProps) {
  const t = consoleText();
  const title = t.accountabilityTitle(consoleMonth(period));
  return (
    <ConsoleLayout title={title} staff={staff}>
      <EvaluationStyles />
      <h1>{t.accountabilityHeading(title)}</h1>
      <p class="no-print">{t.printHint}</p>
      <PeriodNav path="/console/evaluation/accountability" period={period} />
      <p class="hint">
        {t.thresholds({
          months: TRAILING_MONTHS,
          noticed: THRESHOLDS.noticed,
          supervised: THRESHOLDS.supervised,
          rate: THRESHOLDS.redoRate * 100,
          boilerplate: THRESHOLDS.boilerplateRate * 100,
        })}
      </p>
      <section class="card" id="departments">
        <h2>{t.colUnit}</h2>
        {departments.length === 0 ? (
          <p>{t.noDepartments(TRAILING_MONTHS)}</p>
        ) : (
          <table data-testid="accountability-departments">
            <thead>
              <tr>
                <th>{t.colUnit}</th>
                <th class="num">{t.colUrged}</th>
                <th class="num">{t.colSupervised}</th>
                <th class="num">{t.colNoticed}</th>
                <th class="num">{t.colTrailingSupervised(TRAILING_MONTHS)}</th>
                <th class="num">{t.colTrailingNoticed(TRAILING_MONTHS)}</th>
                <th class="num">{t.colRedoRate}</th>
                <th class="num">{t.colLateRate}</th>
                <th class="num">{t.colBoilerplateRate}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr data-department={d.departmentId}>
                  <th scope="row">{unit(d.departmentId, d.name)}</th>
                  <td class="num">{d.month.urged}</td>
                  <td class="num">{d.month.supervised}</td>
                  <td class="num">{d.month.noticed}</td>
                  <td class="num">
                    <Flagged on={d.flags.supervised} why={t.whySupervised}>
                      {d.trailing.supervised}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged on={d.flags.noticed} why={t.whyNoticed}>
                      {d.trailing.noticed}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged on={d.flags.redo} why={t.whyRedo}>
                      {t.ratio(percent(d.redoRate), d.month.redone, d.month.replied)}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged on={d.flags.late} why={t.whyLate}>
                      {t.ratio(percent(d.lateRate), d.month.acknowledgedLate, d.month.assigned)}
                    </Flagged>
                  </td>
                  <td class="num">
                    <Flagged on={d.flags.boilerplate} why={t.whyBoilerplate}>
                      {t.ratio(percent(d.boilerplateRate), d.month.replyBoilerplate, d.month.replyChecked)}
                    </Flagged>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" id="records">
        <h2>{t.recordsTitle}</h2>
        {records.length === 0 ? (
          <p>{t.noRecords}</p>
        ) : (
          <>
            <table>
              <thead>
                <tr>
                  <th>{t.colUnit}</th>
                  <th>{t.colCase}</th>
                  <th>{t.colLateStage}</th>
                  <th>{t.dueAt}</th>
                  <th>{t.colNoticedAt}</th>
                </tr>
              </thead>
              <tbody>
                {records.slice(0, RECORDS_SHOWN).map((r) => (
                  <tr>
                    <td>{unit(r.departmentId, r.department)}</td>
                    <td>
                      <CaseLinks trackingNos={[r.trackingNo]} />
                    </td>
                    <td>{t.stages[r.stage] ?? r.stage}</td>
                    <td>{formatShanghai(r.dueAt)}</td>
                    <td>{formatShanghai(r.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {records.length > RECORDS_SHOWN && <p class="hint">{t.firstRecords(RECORDS_SHOWN)}</p>}
          </>
        )}
      </section>
      <section class="card" id="handlers">
        <h2>{t.handlersTitle}</h2>
        <p class="hint">{t.handlersHint}</p>
        {handlers.length === 0 ? (
          <p>{t.noHandlers}</p>
        ) : (
          <table data-testid="accountability-handlers">
            <thead>
              <tr>
                <th>{t.colUnit}</th>
                <th>{t.colHandler}</th>
                <th class="num">{t.colLateAck}</th>
                <th class="num">{t.colChased}</th>
                <th>{t.colCases}</th>
              </tr>
            </thead>
            <tbody>
              {handlers.map((h) => (
                <tr>
                  <td>{unit(h.departmentId, h.department)}</td>
                  <td lang={h.userId ? userLang() : undefined}>
                    {h.userId ? (h.displayName ?? h.userId) : t.notAcknowledged}
                  </td>
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
      <p class="print-only">{t.printedBy(formatShanghai(new Date().toISOString()))}</p>
    </ConsoleLayout>
  );
}
