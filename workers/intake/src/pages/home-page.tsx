import { periodLabel } from "../../../../shared/clocks/period";
import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import type { InterviewSummary } from "../../../../shared/interviews/interview.schema";
import type { Counters } from "../../../../shared/scoring/counters";
import { INDICATORS, type IndicatorId, indicatorValue, rateParts } from "../../../../shared/scoring/indicators";
import { type Dict, type Lang, localHref, percent, portalLang, text } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { Layout } from "../../../../shared/ui/layout";
import type { LimitRule, ListedCase, TypeLimits } from "../public-queries";
import { INTERVIEW_HEAD, InterviewEntry } from "./interviews-page";
import { CaseList, type Names, typeLabel } from "./portal-parts";

export interface HomeProps {
  period: string;
  /** City-wide counters for the month; null when the rollups have nothing yet. */
  counters: Counters | null;
  limits: Map<string, TypeLimits>;
  replies: ListedCase[];
  names: Names;
  /** 在线访谈 live now or coming up, announced above the figures. */
  interviews?: InterviewSummary[];
  nowMs?: number;
}

export const HEADLINE_RATES: IndicatorId[] = ["responseRate", "onTimeRate", "satisfactionRate"];

export function limitText(rule: LimitRule | null, t: Dict): string {
  if (!rule || rule.value === null) return t.noLimit;
  if (rule.unit === "working_days") return t.workingDays(rule.value);
  if (rule.unit === "working_hours") return t.workingHours(rule.value);
  return t.calendarDays(rule.value);
}

/** The portal's front page: how a message is handled, its time limits, this month's figures, the latest replies. */
export function HomePage({ period, counters, limits, replies, names, interviews = [], nowMs = Date.now() }: HomeProps) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.homeTitle} head={interviews.length > 0 ? INTERVIEW_HEAD : undefined}>
      <h1>{t.homeHeading}</h1>
      <p class="lead">{t.homeIntro}</p>
      <p class="actions">
        <a class="button" href={localHref("/submit", lang)}>
          {t.ctaSubmit}
        </a>
        <a class="button secondary" href={localHref("/lookup", lang)}>
          {t.ctaLookup}
        </a>
        <a class="button secondary" href={localHref("/board", lang)}>
          {t.ctaBoard}
        </a>
      </p>

      {interviews.length > 0 && (
        <section class="card" aria-labelledby="home-interviews" data-testid="home-interviews">
          <h2 id="home-interviews">{interviewText(lang).homeTitle}</h2>
          <ul class="interviews">
            {interviews.map((s) => (
              <InterviewEntry s={s} nowMs={nowMs} lang={lang} />
            ))}
          </ul>
          <p>
            <a href={localHref("/interviews", lang)}>{interviewText(lang).homeMore}</a>
          </p>
        </section>
      )}

      <section class="card" aria-labelledby="how">
        <h2 id="how">{t.howTitle}</h2>
        <ol class="steps">
          {t.steps.map(([title, body]) => (
            <li>
              <h3>{title}</h3>
              <p>{body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section class="card" aria-labelledby="figures">
        <h2 id="figures">{t.figuresTitle(periodLabel(period, lang))}</h2>
        {counters ? <Figures counters={counters} lang={lang} /> : <p data-testid="no-figures">{t.figuresNoData}</p>}
        <p>
          <a href={localHref(`/reports/${period}`, lang)}>{t.figuresReport}</a> ·{" "}
          <a href={localHref("/departments", lang)}>{t.navDepartments}</a>
        </p>
      </section>

      <section class="card" aria-labelledby="latest">
        <h2 id="latest">{t.latestReplies}</h2>
        {replies.length === 0 ? <p>{t.noReplies}</p> : <CaseList cases={replies} names={names} lang={lang} />}
        <p>
          <a href={localHref("/board", lang)}>{t.moreReplies}</a> ·{" "}
          <a href={localHref("/spokespeople", lang)}>{t.spokespeopleLink}</a>
        </p>
      </section>

      <section class="card" aria-labelledby="limits">
        <h2 id="limits">{t.limitsTitle}</h2>
        <table>
          <caption class="hint">{t.limitsNote}</caption>
          <thead>
            <tr>
              <th scope="col">{t.limitsType}</th>
              <th scope="col">{t.limitsAcknowledge}</th>
              <th scope="col">{t.limitsReply}</th>
              <th scope="col">{t.limitsRating}</th>
            </tr>
          </thead>
          <tbody>
            {MESSAGE_TYPES.filter((type) => limits.has(type)).map((type) => {
              const rule = limits.get(type);
              return (
                <tr data-testid={`limits-${type}`}>
                  <th scope="row">{typeLabel(type, lang)}</th>
                  <td>{limitText(rule?.acknowledge ?? null, t)}</td>
                  <td>{limitText(rule?.reply ?? null, t)}</td>
                  <td>{limitText(rule?.rating ?? null, t)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

function Figures({ counters, lang }: { counters: Counters; lang: Lang }) {
  const t = text(lang);
  return (
    <dl class="figures">
      <div>
        <dt>{t.figuresReceived}</dt>
        <dd data-testid="figure-received">
          {counters.received}
          {t.figuresUnit && <small>{t.figuresUnit}</small>}
        </dd>
      </div>
      <div>
        <dt>{t.figuresReplied}</dt>
        <dd data-testid="figure-replied">
          {counters.replied}
          {t.figuresUnit && <small>{t.figuresUnit}</small>}
        </dd>
      </div>
      {HEADLINE_RATES.map((id) => (
        <div>
          <dt>{lang === "en" ? INDICATORS[id].nameEn : INDICATORS[id].name}</dt>
          <dd data-testid={`figure-${id}`}>
            {percent(indicatorValue(id, counters))}
            <small>{t.figuresSample(rateParts(INDICATORS[id], counters).denominator)}</small>
          </dd>
        </div>
      ))}
    </dl>
  );
}
