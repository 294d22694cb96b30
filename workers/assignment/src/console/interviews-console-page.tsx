import { formatShanghai } from "../../../../shared/clocks/period";
import { can } from "../../../../shared/domain/permissions";
import type { InterviewStatus } from "../../../../shared/interviews/interview.schema";
import { userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import type { Staff } from "../desk/session";
import { ConsoleLayout } from "./console-layout";
import { PlanForm, type PlanOptions } from "./interview-plan-form";

export interface ListedSession {
  id: string;
  title: string;
  status: InterviewStatus;
  startsAt: string;
  endsAt: string;
  approvedCount: number;
  answeredCount: number;
}

/** /console/interviews: every session (newest first) and, for the platform office, the form to schedule one. */
export function InterviewsConsolePage(props: {
  staff: Staff;
  sessions: ListedSession[];
  options: PlanOptions;
  errors?: string[];
  values?: Record<string, string>;
}) {
  const t = interviewText();
  return (
    <ConsoleLayout title={t.consoleTitle} staff={props.staff} current="/console/interviews">
      <h1>{t.consoleTitle}</h1>
      <p class="hint">{t.consoleIntro}</p>
      <section class="card">
        {props.sessions.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t.fieldTitle}</th>
                <th>{t.fieldStartsAt}</th>
                <th>{t.transcript}</th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr data-testid="console-interview">
                  <td>
                    <a href={`/console/interviews/${s.id}`} lang={userLang()}>
                      {s.title}
                    </a>{" "}
                    <span class={`status ${s.status}`}>{t.status[s.status]}</span>
                  </td>
                  <td>{t.when(formatShanghai(s.startsAt), formatShanghai(s.endsAt))}</td>
                  <td>{t.questionsAnswered(s.approvedCount, s.answeredCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can(props.staff, "interview.schedule") && (
        <section>
          <h2>{t.scheduleTitle}</h2>
          {(props.errors ?? []).length > 0 && (
            <div class="errors" role="alert">
              {(props.errors ?? []).map((e) => (
                <p>{e}</p>
              ))}
            </div>
          )}
          <PlanForm staff={props.staff} action="/console/interviews" options={props.options} values={props.values} />
        </section>
      )}
    </ConsoleLayout>
  );
}
