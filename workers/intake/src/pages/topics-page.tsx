import { daysBetween, periodLabel } from "../../../../shared/clocks/period";
import type { CaseStatus } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { TopicState } from "../../../../shared/scoring/opinion/topic";
import { localHref, portalLang } from "../../../../shared/ui/i18n";
import { topicsText } from "../../../../shared/ui/i18n-topics";
import { STATUS_LABELS } from "../../../../shared/ui/labels";
import { Layout } from "../../../../shared/ui/layout";

/** 每月一题 in public: every topic, and one topic's progress, outcome and public messages. */

export interface PublicTopic {
  id: string;
  period: string;
  title: string;
  lead: string;
  deadline: string;
  state: TopicState;
  answered: number;
  cases: number;
  outcome: string | null;
}

export interface PublicTopicCase {
  trackingNo: string;
  title: string;
  status: CaseStatus;
}

export function TopicsPage({ topics }: { topics: PublicTopic[] }) {
  const lang = portalLang();
  const t = topicsText(lang);
  return (
    <Layout title={t.topicsHeading}>
      <h1>{t.topicsHeading}</h1>
      <section class="card">
        <p>{t.topicsIntro}</p>
        {topics.length === 0 ? (
          <p class="hint">{t.noTopics}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="public-topics">
              <thead>
                <tr>
                  <th scope="col">{t.month}</th>
                  <th scope="col">{t.topic}</th>
                  <th scope="col">{t.lead}</th>
                  <th scope="col">{t.deadline}</th>
                  <th scope="col">{t.progressCol}</th>
                  <th scope="col">{t.state}</th>
                </tr>
              </thead>
              <tbody>
                {topics.map((k) => (
                  <tr>
                    <td>{periodLabel(k.period, lang)}</td>
                    <td lang="zh-CN">
                      <a href={localHref(`/topics/${k.id}`, lang)}>{k.title}</a>
                    </td>
                    <td>{k.lead}</td>
                    <td>{k.deadline}</td>
                    <td>{t.progress(k.answered, k.cases)}</td>
                    <td>{t.states[k.state]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

export function TopicPage(props: { topic: PublicTopic; cases: PublicTopicCase[]; hidden: number; today: string }) {
  const lang = portalLang();
  const t = topicsText(lang);
  const { topic } = props;
  const days = daysBetween(props.today, topic.deadline);
  const countdown = topic.state === "closed" ? null : days >= 0 ? t.daysLeft(days) : t.daysOver(-days);
  return (
    <Layout title={topic.title}>
      <p>
        <a href={localHref("/topics", lang)}>{t.allTopics}</a>
      </p>
      <h1 lang="zh-CN">{topic.title}</h1>
      <section class="card" data-testid="topic-facts">
        <p>
          {t.topicsHeading} · {periodLabel(topic.period, lang)}
        </p>
        <p>
          {t.lead}: {topic.lead}
        </p>
        <p>
          {t.deadline}: {topic.deadline} {countdown && <strong>({countdown})</strong>} · {t.states[topic.state]}
        </p>
        <p>
          <progress value={topic.answered} max={Math.max(1, topic.cases)} aria-label={t.progressCol} />{" "}
          {t.progress(topic.answered, topic.cases)}
        </p>
      </section>
      {topic.outcome && (
        <section class="card">
          <h2>{t.outcome}</h2>
          <p lang="zh-CN">{topic.outcome}</p>
        </section>
      )}
      <section class="card">
        <h2>{t.casesHeading}</h2>
        {props.cases.length === 0 ? (
          <p class="hint">{t.noPublicCases}</p>
        ) : (
          <ul data-testid="topic-public-cases">
            {props.cases.map((k) => (
              <li>
                <a href={localHref(`/cases/${k.trackingNo}`, lang)} class="mono">
                  {formatTrackingNo(k.trackingNo)}
                </a>{" "}
                <span lang="zh-CN">{k.title}</span> · {STATUS_LABELS[k.status][lang]}
              </li>
            ))}
          </ul>
        )}
        {props.hidden > 0 && <p class="hint">{t.notPublished(props.hidden)}</p>}
      </section>
    </Layout>
  );
}
