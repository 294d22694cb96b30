import { formatShanghai } from "../../../../shared/clocks/period";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import type { InterviewStatus, PublicGuest, PublicQuestion } from "../../../../shared/interviews/interview.schema";
import { type Lang, localHref, userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";

/** The interview pages' own stylesheet (served at /assets/interviews.css beside the site's). */
export const INTERVIEW_CSS = `
.status.live { background: #b3261e; color: #fff; }
.status.scheduled { background: #e8f0fe; color: #174ea6; }
ul.guests { list-style: none; padding: 0; margin: 0 0 .5rem; }
ul.guests li { margin: .2rem 0; }
ol.questions { list-style: none; padding: 0; margin: 0; }
ol.questions > li { border-top: 1px solid #ddd; padding: .8rem 0; }
ol.questions > li:first-child { border-top: 0; }
ol.questions .q { font-weight: 600; margin: 0 0 .3rem; }
ol.questions .a { margin: .4rem 0 0 1rem; padding-left: .6rem; border-left: 3px solid #2e7d32; }
ol.questions .a .by { font-weight: 600; }
.countdown { font-variant-numeric: tabular-nums; }
ul.interviews { list-style: none; padding: 0; }
ul.interviews > li { border-top: 1px solid #ddd; padding: .8rem 0; }
`;

export function InterviewStatusBadge({
  status,
  paused,
  lang,
}: {
  status: InterviewStatus;
  paused: boolean;
  lang: Lang;
}) {
  const t = interviewText(lang);
  return (
    <span class={`status ${status}`} data-interview-status={status}>
      {paused && status === "live" ? t.paused : t.status[status]}
    </span>
  );
}

/** Until the start, a countdown: written by the server, kept ticking by the page's script where it runs. */
export function Countdown({ startsAt, nowMs, lang }: { startsAt: string; nowMs: number; lang: Lang }) {
  const minutes = Math.max(0, Math.floor((Date.parse(startsAt) - nowMs) / 60_000));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const t = interviewText(lang);
  // The script fills 111 / 222 / 333 in the same sentence with the days, hours and minutes left.
  return (
    <span
      class="countdown"
      data-starts-at={startsAt}
      data-days-left={String(d)}
      data-template={t.startsIn(111, 222, 333)}
      data-template-short={t.startsIn(0, 222, 333)}
    >
      {t.startsIn(d, h, m)}
    </span>
  );
}

export function GuestList({ guests }: { guests: PublicGuest[] }) {
  return (
    <ul class="guests">
      {guests.map((g) => (
        <li data-guest={g.id} lang={userLang()}>
          <strong data-guest-label={g.id}>
            {g.name}（{g.title}）
          </strong>{" "}
          <span>{g.department}</span>
        </li>
      ))}
    </ul>
  );
}

/** One approved question with its answers; the page's script renders frames into the same shape. */
export function QuestionItem({ q, guests, lang }: { q: PublicQuestion; guests: PublicGuest[]; lang: Lang }) {
  const t = interviewText(lang);
  const name = (id: string) => {
    const g = guests.find((x) => x.id === id);
    return g ? `${g.name}（${g.title}）` : id;
  };
  return (
    <li id={`q-${q.id}`} data-question={q.id}>
      <p class="q" lang={userLang()}>
        {q.text}
      </p>
      <p class="meta">
        <span>{t.netizen}</span>
        <span>
          {t.to} <span lang={userLang()}>{name(q.guestId)}</span>
        </span>
        <time datetime={q.askedAt}>{formatShanghai(q.askedAt)}</time>
        {q.mergedCount > 0 && <span data-merged>{t.mergedCount(q.mergedCount)}</span>}
      </p>
      {q.answers.map((a) => (
        <div class="a" data-answer={a.id}>
          <span class="by" lang={userLang()}>
            {name(a.guestId)}
          </span>{" "}
          <time datetime={a.answeredAt}>{formatShanghai(a.answeredAt)}</time>
          <p class="body-text" lang={userLang()}>
            {a.text}
          </p>
        </div>
      ))}
      {q.caseTrackingNo && (
        <p class="hint" data-case>
          {t.becameCase}{" "}
          <a href={localHref(`/cases/${q.caseTrackingNo}`, lang)}>{formatTrackingNo(q.caseTrackingNo)}</a>
        </p>
      )}
    </li>
  );
}
