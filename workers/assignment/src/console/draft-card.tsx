import type { Outcome, ReplyDraft } from "../../../../shared/domain/case-model";
import type { ReplyAssessment } from "../../../../shared/scoring/replies";
import { portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { OUTCOME_LABELS } from "../../../../shared/ui/labels";

/**
 * The reply draft as the handler wrote it, and beside it the reply check (答复质量检查): the
 * spokesperson reads both before publishing, the handler sees what would be flagged.
 */
export function DraftCard({ draft, check }: { draft: ReplyDraft; check: ReplyAssessment }) {
  const t = consoleText();
  const lang = portalLang();
  const kinds = check.outcome.map((k) => t.checkKinds[k] ?? k).join(t.listSeparator) || t.checkNone;
  return (
    <section class="card" data-testid="reply-draft">
      <h2>{t.draftTitle}</h2>
      <p class="reply" lang={userLang()}>
        {draft.text}
      </p>
      <p class="hint">
        {OUTCOME_LABELS[draft.outcome as Outcome]?.[lang] ?? ""}{" "}
        <span lang={userLang()}>{draft.outcomeNote ?? ""}</span>
      </p>
      <h3>
        {t.checkTitle}{" "}
        <span class={`status ${check.flags.length ? "overdue" : "replied"}`} data-testid="reply-check-score">
          {t.checkScore(check.score.toFixed(2))}
        </span>
      </h3>
      {check.flags.length === 0 ? (
        <p>{t.checkPassed}</p>
      ) : (
        <ul data-testid="reply-check-flags">
          {check.flags.map((f) => (
            <li data-flag={f}>
              <strong>{t.checkFlags[f]}</strong>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">
        {t.checkEvidence(check.substanceWords, Math.round(100 * check.onCase), kinds)} {t.checkHint}
      </p>
    </section>
  );
}
