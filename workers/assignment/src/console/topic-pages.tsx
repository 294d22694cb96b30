import type { MonthlyTopic, TopicCase } from "../../../../shared/db/topic-queries";
import type { TopicState } from "../../../../shared/scoring/opinion/topic";
import { portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleMonth, consoleText } from "../../../../shared/ui/i18n-console";
import { STATUS_LABELS } from "../../../../shared/ui/labels";
import type { Staff } from "../desk/session";
import { ConsoleLayout, FormGuard } from "./console-layout";

/** 每月一题 in the console: the list, the form that chooses one from a hot issue, and one topic's page. */

export const TOPICS = "/console/evaluation/topics";

export interface TopicRow {
  topic: MonthlyTopic;
  state: TopicState;
  lead: string;
  answered: number;
  cases: number;
}

function Errors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="errors" role="alert">
      {errors.map((e) => (
        <p>{e}</p>
      ))}
    </div>
  );
}

export function TopicsPage({ staff, rows }: { staff: Staff; rows: TopicRow[] }) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.topicsTitle} staff={staff}>
      <h1>{t.topicsTitle}</h1>
      <p class="hint">{t.topicsHint}</p>
      {rows.length === 0 ? (
        <p data-testid="topics-empty">{t.noTopics}</p>
      ) : (
        <table data-testid="topics">
          <thead>
            <tr>
              <th>{t.colTopicMonth}</th>
              <th>{t.colTopicTitle}</th>
              <th>{t.colLead}</th>
              <th>{t.colDeadline}</th>
              <th>{t.colProgress}</th>
              <th>{t.colTopicState}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{consoleMonth(r.topic.period)}</td>
                <td lang={userLang()}>
                  <a href={`${TOPICS}/${r.topic.id}`}>{r.topic.title}</a>
                </td>
                <td>{r.lead}</td>
                <td>{r.topic.deadline}</td>
                <td>{t.topicProgress(r.answered, r.cases)}</td>
                <td class={r.state === "overdue" ? "overdue" : undefined}>{t.topicStates[r.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

export interface NewTopicPageProps {
  staff: Staff;
  period: string;
  rank: number;
  issue: { label: string; messages: number };
  departments: { id: string; name: string }[];
  values: { title: string; leadDepartmentId: string; deadline: string };
  errors?: string[];
}

export function NewTopicPage({ staff, period, rank, issue, departments, values, errors = [] }: NewTopicPageProps) {
  const t = consoleText();
  return (
    <ConsoleLayout title={t.newTopicTitle} staff={staff}>
      <p>
        <a href={`/console/evaluation/opinion?period=${period}`}>{t.topicBackToOpinion}</a>
      </p>
      <h1>
        {t.newTopicTitle} · {consoleMonth(period)}
      </h1>
      <p lang={userLang()}>{t.topicBasis(issue.label, issue.messages)}</p>
      <Errors errors={errors} />
      <form method="post" action={TOPICS} class="card">
        <FormGuard staff={staff} />
        <input type="hidden" name="period" value={period} />
        <input type="hidden" name="rank" value={String(rank)} />
        <label for="topic-title">{t.topicTitleField}</label>
        <input type="text" id="topic-title" name="title" value={values.title} required maxlength={80} />
        <label for="topic-lead">{t.topicLeadField}</label>
        <select id="topic-lead" name="leadDepartmentId" required>
          <option value="">—</option>
          {departments.map((d) => (
            <option value={d.id} selected={d.id === values.leadDepartmentId}>
              {d.name}
            </option>
          ))}
        </select>
        <label for="topic-deadline">{t.topicDeadlineField}</label>
        <input type="date" id="topic-deadline" name="deadline" value={values.deadline} required />
        <button type="submit">{t.topicChoose}</button>
      </form>
    </ConsoleLayout>
  );
}

export interface TopicPageProps {
  staff: Staff;
  row: TopicRow;
  cases: TopicCase[];
  departments: Map<string, string>;
  errors?: string[];
  values?: { trackingNo?: string; outcome?: string };
}

export function TopicPage({ staff, row, cases, departments, errors = [], values = {} }: TopicPageProps) {
  const t = consoleText();
  const { topic } = row;
  const lang = userLang();
  return (
    <ConsoleLayout title={topic.title} staff={staff}>
      <p>
        <a href={TOPICS}>{t.topicsTitle}</a> · <a href={`/topics/${topic.id}`}>{t.topicPublicPage}</a>
      </p>
      <h1 lang={lang}>{topic.title}</h1>
      <p data-testid="topic-summary">
        {consoleMonth(topic.period)} · {t.colLead}：{row.lead} · {t.colDeadline}：{topic.deadline} ·{" "}
        <strong class={row.state === "overdue" ? "overdue" : undefined}>{t.topicStates[row.state]}</strong> ·{" "}
        {t.topicProgress(row.answered, row.cases)}
      </p>
      {topic.outcome && (
        <section class="card">
          <h2>{t.topicOutcome}</h2>
          <p lang={lang}>{topic.outcome}</p>
        </section>
      )}
      <Errors errors={errors} />
      <section class="card">
        <h2>{t.topicCasesTitle}</h2>
        <table data-testid="topic-cases">
          <tbody>
            {cases.map((k) => (
              <tr>
                <td class="mono">
                  <a href={`/console/cases/${k.trackingNo}`}>{k.trackingNo}</a>
                </td>
                <td lang={lang}>{k.title}</td>
                <td>{STATUS_LABELS[k.status][portalLang()]}</td>
                <td>{k.departmentId ? (departments.get(k.departmentId) ?? "") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {topic.status === "open" && (
          <form method="post" action={`${TOPICS}/${topic.id}/cases`} class="inline">
            <FormGuard staff={staff} />
            <label for="topic-case">{t.topicAddCase}</label>
            <input type="text" id="topic-case" name="trackingNo" value={values.trackingNo ?? ""} required />
            <button type="submit">{t.topicAddButton}</button>
          </form>
        )}
      </section>
      {topic.status === "open" && (
        <form method="post" action={`${TOPICS}/${topic.id}/close`} class="card">
          <FormGuard staff={staff} />
          <h2>{t.topicCloseTitle}</h2>
          <label for="topic-outcome">{t.topicOutcomeField}</label>
          <textarea id="topic-outcome" name="outcome" rows={5} required>
            {values.outcome ?? ""}
          </textarea>
          <button type="submit">{t.topicCloseButton}</button>
        </form>
      )}
    </ConsoleLayout>
  );
}
