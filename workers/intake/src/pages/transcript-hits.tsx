import { formatShanghai } from "../../../../shared/clocks/period";
import { type Lang, localHref, userLang } from "../../../../shared/ui/i18n";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import type { TranscriptHit } from "../interviews/interview-queries";
import { excerpt } from "./portal-parts";

/** The board's word search also finds 在线访谈 transcripts: the matching questions, each linked to its session. */
export function TranscriptHits({ hits, lang }: { hits: TranscriptHit[]; lang: Lang }) {
  const t = interviewText(lang);
  return (
    <section class="card" aria-labelledby="transcript-hits" data-testid="transcript-hits">
      <h2 id="transcript-hits">{t.boardTitle}</h2>
      <ul class="cases">
        {hits.map((h) => (
          <li>
            <h3>
              <a href={localHref(`/interviews/${h.interviewId}#q-${h.questionId}`, lang)} lang={userLang()}>
                {excerpt(h.questionText, 80)}
              </a>
            </h3>
            <p class="meta">
              <span lang={userLang()}>{h.title}</span>
              <time datetime={h.approvedAt}>{formatShanghai(h.approvedAt)}</time>
            </p>
            {h.answerText && (
              <p class="excerpt" lang={userLang()}>
                {excerpt(h.answerText, 120)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
