import { formatShanghai } from "../../../../shared/clocks/period";
import type { InterviewSummary } from "../../../../shared/interviews/interview.schema";
import { type Lang, localHref, portalLang, userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import { Layout } from "../../../../shared/ui/layout";
import { Countdown, InterviewStatusBadge } from "./interview-parts";

export const INTERVIEW_HEAD = (
  <>
    <link rel="stylesheet" href="/assets/interviews.css" />
    <script src="/assets/interview-live.js" defer />
  </>
);

/** One session in a list: title, status (or the countdown), times and guests. */
export function InterviewEntry({ s, nowMs, lang }: { s: InterviewSummary; nowMs: number; lang: Lang }) {
  const t = interviewText(lang);
  return (
    <li data-interview={s.id}>
      <h3>
        <a href={localHref(`/interviews/${s.id}`, lang)} lang={userLang()}>
          {s.title}
        </a>{" "}
        <InterviewStatusBadge status={s.status} paused={false} lang={lang} />
      </h3>
      <p class="meta">
        <span>{t.when(formatShanghai(s.startsAt), formatShanghai(s.endsAt))}</span>
        {s.status === "scheduled" && <Countdown startsAt={s.startsAt} nowMs={nowMs} lang={lang} />}
      </p>
      <p class="meta" lang={userLang()}>
        {s.guests.map((g) => (
          <span>
            {g.name} {g.title}
          </span>
        ))}
      </p>
    </li>
  );
}

/** /interviews: live now, coming up (with a countdown), and past sessions with their transcripts. */
export function InterviewsPage({ sessions, nowMs }: { sessions: InterviewSummary[]; nowMs: number }) {
  const lang = portalLang();
  const t = interviewText(lang);
  const groups: [string, string, InterviewSummary[]][] = [
    ["live", t.live, sessions.filter((s) => s.status === "live")],
    ["upcoming", t.upcoming, sessions.filter((s) => s.status === "scheduled").reverse()],
    ["past", t.past, sessions.filter((s) => s.status === "ended")],
  ];
  return (
    <Layout title={t.listTitle} head={INTERVIEW_HEAD}>
      <h1>{t.listTitle}</h1>
      <p class="lead">{t.listIntro}</p>
      {groups.map(([id, title, list]) => (
        <section class="card" aria-labelledby={`interviews-${id}`} data-testid={`interviews-${id}`}>
          <h2 id={`interviews-${id}`}>{title}</h2>
          {list.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul class="interviews">
              {list.map((s) => (
                <InterviewEntry s={s} nowMs={nowMs} lang={lang} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}
