import type { Child } from "hono/jsx";
import { formatShanghai } from "../../../../shared/clocks/period";
import type { Outcome } from "../../../../shared/domain/case-model";
import { formatTrackingNo } from "../../../../shared/domain/ids";
import { SUPPORTABLE_STATUSES } from "../../../../shared/domain/support";
import { type Dict, type Lang, localHref, portalLang, text, userLang } from "../../../../shared/ui/i18n";
import { OUTCOME_LABELS, PUBLIC_EVENT_LABELS, RATING_LABELS } from "../../../../shared/ui/labels";
import { Layout } from "../../../../shared/ui/layout";
import { Said } from "../../../../shared/ui/said";
import type { CitizenView, PublicView, TimelineEntry } from "../case-views";
import { CitizenActions, type CitizenForms } from "./citizen-forms";
import { StatusBadge, typeLabel } from "./portal-parts";
import { SupportSection } from "./support-form";

export { StatusBadge } from "./portal-parts";

const ratingLabel = (rating: string, lang: Lang) =>
  RATING_LABELS[rating as keyof typeof RATING_LABELS]?.[lang] ?? rating;
const outcomeLabel = (outcome: string, lang: Lang) => OUTCOME_LABELS[outcome as Outcome]?.[lang] ?? outcome;

/** One page for both views: the citizen's own view adds their text unmasked, their contact data and the rating forms. */
export function CasePage({
  view,
  own,
  forms,
  names,
  support,
}: {
  view: PublicView | CitizenView;
  own: boolean;
  forms?: CitizenForms;
  names?: { category?: string; region?: string };
  /** The 附议 form's answer to the last post (the public page only). */
  support?: { notice?: string; error?: string; phone?: string };
}) {
  const lang = portalLang();
  const t = text(lang);
  const citizen = own ? (view as CitizenView) : null;
  const redone = view.timeline.some((e) => e.type === "case.reopened");
  const justRatedDissatisfied = forms?.done && forms.values.rating === "dissatisfied";
  const number = formatTrackingNo(view.trackingNo);
  return (
    <Layout title={t.caseTitle(number)}>
      <h1>
        {t.caseTitle(number)} <StatusBadge status={view.status} lang={lang} />
      </h1>
      <section class="card" aria-label={t.caseTitle(number)}>
        {view.title !== undefined ? (
          <>
            <h2 lang={userLang()}>{view.title}</h2>
            <p class="body-text" lang={userLang()}>
              {view.body}
            </p>
          </>
        ) : (
          <p class="hint">{t.notPublic}</p>
        )}
        <dl class="facts">
          <dt>{t.factType}</dt>
          <dd>{typeLabel(view.type, lang)}</dd>
          {names?.category && (
            <>
              <dt>{t.factCategory}</dt>
              <dd>{names.category}</dd>
            </>
          )}
          {names?.region && (
            <>
              <dt>{t.factRegion}</dt>
              <dd>{names.region}</dd>
            </>
          )}
          <dt>{t.factSubmitted}</dt>
          <dd>{formatShanghai(view.submittedAt)}</dd>
          <dt>{t.factDepartment}</dt>
          <dd>
            {view.department ? (
              <a href={localHref(`/departments/${view.department.id}`, lang)}>{view.department.name}</a>
            ) : (
              t.notAssigned
            )}
          </dd>
          {view.assignedAt && (
            <>
              <dt>{t.factAssigned}</dt>
              <dd>{formatShanghai(view.assignedAt)}</dd>
            </>
          )}
          <dt>{t.factDue}</dt>
          <dd>
            {view.dueAt ? formatShanghai(view.dueAt) : view.department ? t.dueLater : t.dueAfterAssign}{" "}
            <DueMark view={view} t={t} />
          </dd>
          {view.mergedInto && (
            <>
              <dt>{t.mergedInto}</dt>
              <dd>
                <a href={localHref(`/cases/${view.mergedInto}`, lang)}>{formatTrackingNo(view.mergedInto)}</a>
                {t.mergedNote}
              </dd>
            </>
          )}
          {view.mergedCount > 0 && (
            <>
              <dt>{t.mergedHere}</dt>
              <dd>{t.mergedHereCount(view.mergedCount)}</dd>
            </>
          )}
          {view.publicReason && (
            <>
              <dt>{t.rejectedReason}</dt>
              <dd lang={userLang()}>{view.publicReason}</dd>
            </>
          )}
        </dl>
      </section>
      {!own && view.title !== undefined && (
        <SupportSection
          trackingNo={view.trackingNo}
          supporters={view.supporters}
          open={SUPPORTABLE_STATUSES.some((s) => s === view.status)}
          lang={lang}
          {...support}
        />
      )}
      {citizen && (
        <section class="card" aria-labelledby="mine">
          <h2 id="mine">{t.mineTitle}</h2>
          <dl class="facts">
            <dt>{t.mineName}</dt>
            <dd lang={citizen.petitioner.name ? userLang() : undefined}>{citizen.petitioner.name ?? t.none}</dd>
            <dt>{t.minePhone}</dt>
            <dd>{citizen.petitioner.phone}</dd>
            <dt>{t.mineEmail}</dt>
            <dd>{citizen.petitioner.email ?? t.none}</dd>
            <dt>{t.mineAddress}</dt>
            <dd lang={citizen.address ? userLang() : undefined}>{citizen.address ?? t.none}</dd>
            <dt>{t.minePublic}</dt>
            <dd>{citizen.isPublic ? t.yesPublic : t.notPublicShort}</dd>
          </dl>
        </section>
      )}
      {view.reply && (
        <section class="card" aria-labelledby="reply">
          <h2 id="reply">{t.replyTitle}</h2>
          <p class="reply" lang={userLang()}>
            {view.reply.text}
          </p>
          <p class="hint" data-testid="reply-by">
            {t.spokespersonLine(
              view.department?.name ?? "",
              <Said>{view.reply.spokesperson.name}</Said>,
              view.reply.spokesperson.title ? <Said>{view.reply.spokesperson.title}</Said> : null,
            )}{" "}
            · {formatShanghai(view.reply.publishedAt)}
            {view.reply.outcome ? ` · ${outcomeLabel(view.reply.outcome, lang)}` : ""}
          </p>
          {view.rating && (
            <p>
              {t.ratingLine}
              <strong>{ratingLabel(view.rating, lang)}</strong>
            </p>
          )}
        </section>
      )}
      {citizen && forms && (
        <CitizenActions
          view={view}
          forms={forms}
          redone={redone}
          justRatedDissatisfied={justRatedDissatisfied === true}
          lang={lang}
        />
      )}
      <section class="card" aria-labelledby="timeline">
        <h2 id="timeline">{t.timelineTitle}</h2>
        <ol class="timeline">
          {view.timeline.map((entry) => (
            <li>
              <time datetime={entry.at}>{formatShanghai(entry.at)}</time>{" "}
              {PUBLIC_EVENT_LABELS[entry.type]?.[lang] ?? entry.label}
              <TimelineDetail entry={entry} lang={lang} />
            </li>
          ))}
        </ol>
      </section>
      <section class="card" aria-labelledby="integrity">
        <h2 id="integrity">{t.integrityTitle}</h2>
        <p class="hint">{t.integrityText}</p>
        <dl class="facts">
          <dt>{t.receiptHash}</dt>
          <dd class="mono" data-testid="receipt-hash">
            {view.receiptHash}
          </dd>
        </dl>
        <p>
          <a href={localHref(`/cases/${view.trackingNo}/verify`, lang)}>{t.verifyLink}</a>
        </p>
      </section>
    </Layout>
  );
}

function DueMark({ view, t }: { view: PublicView; t: Dict }) {
  if (view.dueStatus) {
    const label = view.dueStatus === "overdue" ? t.dueOverdue : view.dueStatus === "due_soon" ? t.dueSoon : t.dueOnTime;
    return (
      <span class={`status ${view.dueStatus === "overdue" ? "overdue" : ""}`} data-testid="due-status">
        {label}
      </span>
    );
  }
  if (view.reply && view.repliedOnTime !== null) {
    return (
      <span class={`status ${view.repliedOnTime ? "replied" : "overdue"}`} data-testid="due-status">
        {view.repliedOnTime ? t.repliedOnTime : t.repliedLate}
      </span>
    );
  }
  return null;
}

/** The facts of one timeline entry, in the reader's language; the department's own words as written. */
function TimelineDetail({ entry, lang }: { entry: TimelineEntry; lang: Lang }) {
  const t = text(lang);
  const parts: Child[] = [];
  switch (entry.type) {
    case "case.assigned":
      if (entry.department) parts.push(t.tlAssignedTo(entry.department.name));
      break;
    case "case.rejected":
      if (entry.note) parts.push(<Said>{entry.note}</Said>);
      break;
    case "case.extension_requested":
      if (entry.workingDays !== undefined) parts.push(t.tlExtensionAsked(entry.workingDays));
      if (entry.reason)
        parts.push(
          <>
            {t.tlReason}
            <Said>{entry.reason}</Said>
          </>,
        );
      break;
    case "case.extension_decided":
      parts.push(entry.approved ? t.tlExtensionApproved(entry.workingDays ?? 0) : t.tlExtensionRefused);
      if (entry.reason) parts.push(<Said>{entry.reason}</Said>);
      break;
    case "case.rated":
      if (entry.rating) parts.push(ratingLabel(entry.rating, lang));
      break;
    case "case.closed":
      if (entry.outcome) parts.push(`${t.tlOutcome}${outcomeLabel(entry.outcome, lang)}`);
      if (entry.rating) parts.push(ratingLabel(entry.rating, lang));
      break;
  }
  if (parts.length === 0) return null;
  const separator = lang === "en" ? "; " : "；";
  return (
    <>
      {t.colon}
      {parts.map((part, i) => (
        <>
          {i > 0 && separator}
          {part}
        </>
      ))}
    </>
  );
}
