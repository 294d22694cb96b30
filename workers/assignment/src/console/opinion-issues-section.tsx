import { shanghaiDate } from "../../../../shared/clocks/period";
import { userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import type { IssueRow } from "../desk/opinion-queries";

/** 热点问题 on the opinion page: each issue with its heat, people, span and the messages behind it. */

const MEMBERS_LINKED = 12;

export interface OpinionIssuesProps {
  issues: IssueRow[];
  regions: { code: string; name: string }[];
  period: string;
  /** The month's 每月一题 if chosen; otherwise whether this staff member may choose it. */
  topic: { id: string; title: string } | null;
  canChoose: boolean;
}

export function OpinionIssuesSection(props: OpinionIssuesProps) {
  const t = consoleText();
  const choose = props.canChoose && props.topic === null;
  return (
    <section class="card" id="issues">
      <h2>{t.issuesTitle}</h2>
      <p class="hint">{t.issuesHint}</p>
      {props.topic && (
        <p data-testid="month-topic">
          {t.topicChosen}
          <a href={`/console/evaluation/topics/${props.topic.id}`} lang={userLang()}>
            {props.topic.title}
          </a>
        </p>
      )}
      {props.issues.length === 0 ? (
        <p>{t.noIssues}</p>
      ) : (
        <table data-testid="opinion-issues">
          <thead>
            <tr>
              <th class="num">{t.colRank}</th>
              <th>{t.colIssue}</th>
              <th class="num">{t.colHeat}</th>
              <th class="num">{t.colMessages}</th>
              <th class="num">{t.colPetitioners}</th>
              <th class="num">{t.colSupporters}</th>
              <th>{t.colSpan}</th>
              <th>{t.region}</th>
              <th>{t.colCases}</th>
              {choose && <th>{t.topicsTitle}</th>}
            </tr>
          </thead>
          <tbody>
            {props.issues.map((i) => (
              <tr id={`issue-${i.rank}`}>
                <td class="num">{i.rank}</td>
                <td lang={userLang()}>{i.label}</td>
                <td class="num">{i.heat.toFixed(1)}</td>
                <td class="num">{i.messages}</td>
                <td class="num">{i.petitioners}</td>
                <td class="num">{i.supporters}</td>
                <td>
                  {shanghaiDate(i.firstAt)} – {shanghaiDate(i.lastAt)}
                </td>
                <td>
                  {i.regionCode ? (props.regions.find((r) => r.code === i.regionCode)?.name ?? i.regionCode) : ""}
                </td>
                <td>
                  {i.caseIds.slice(0, MEMBERS_LINKED).map((id, k) => (
                    <>
                      {k > 0 && " "}
                      <a href={`/console/evaluation/cases/${encodeURIComponent(id)}`}>{t.nth(k + 1)}</a>
                    </>
                  ))}
                  {i.caseIds.length > MEMBERS_LINKED && <span class="hint">{t.andMore(i.caseIds.length)}</span>}
                </td>
                {choose && (
                  <td>
                    <a href={`/console/evaluation/topics/new?period=${props.period}&rank=${i.rank}`}>{t.chooseTopic}</a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
