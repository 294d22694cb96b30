import { formatShanghai } from "../../../../shared/clocks/period";
import type { CaseStatus, MessageType } from "../../../../shared/domain/case-model";
import { maskPersonalData } from "../../../../shared/routing/mask";
import { type Lang, localHref, portalLang, text, userLang } from "../../../../shared/ui/i18n";
import { STATUS_LABELS, TYPE_LABELS } from "../../../../shared/ui/labels";
import { Layout } from "../../../../shared/ui/layout";
import { Said } from "../../../../shared/ui/said";
import type { ListedCase } from "../public-queries";

export function StatusBadge({ status, lang = "zh" }: { status: string; lang?: Lang }) {
  return <span class={`status ${status}`}>{STATUS_LABELS[status as CaseStatus]?.[lang] ?? status}</span>;
}

export function typeLabel(type: string, lang: Lang): string {
  return TYPE_LABELS[type as MessageType]?.[lang] ?? type;
}

/** Masked first, then cut: a cut must never split a number the mask would have caught. */
export function excerpt(value: string, max: number): string {
  const masked = maskPersonalData(value).replace(/\s+/g, " ").trim();
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

export interface Names {
  departments: Map<string, string>;
  regions?: Map<string, string>;
}

/** Public cases as a list (reads well at 390 px where a wide table would not): title, facts, the reply's opening. */
export function CaseList({ cases, names, lang }: { cases: ListedCase[]; names: Names; lang: Lang }) {
  const t = text(lang);
  return (
    <ul class="cases">
      {cases.map((c) => (
        <li>
          <h3>
            <a href={localHref(`/cases/${c.trackingNo}`, lang)} lang={userLang()}>
              {maskPersonalData(c.title)}
            </a>
          </h3>
          <p class="meta">
            <span>{typeLabel(c.type, lang)}</span>
            <span>{c.departmentId ? (names.departments.get(c.departmentId) ?? c.departmentId) : t.notAssigned}</span>
            {names.regions && <span>{names.regions.get(c.regionCode) ?? c.regionCode}</span>}
            <StatusBadge status={c.status} lang={lang} />
            <span>
              {t.submittedOn} <time datetime={c.submittedAt}>{formatShanghai(c.submittedAt)}</time>
            </span>
            {c.supporters > 0 && <span data-testid="case-supporters">{t.supportersShort(c.supporters)}</span>}
          </p>
          {c.replyText && c.repliedAt ? (
            <p class="excerpt">
              <strong>
                {t.replyTitle}
                {t.colon}
              </strong>
              <Said>{excerpt(c.replyText, 120)}</Said>
              <br />
              <span class="hint">
                {t.replyBy(
                  <Said>{c.replySpokespersonName ?? ""}</Said>,
                  c.departmentId ? (names.departments.get(c.departmentId) ?? "") : "",
                )}{" "}
                · <time datetime={c.repliedAt}>{formatShanghai(c.repliedAt)}</time>
              </span>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function NotFoundPage({ message }: { message: string }) {
  const lang = portalLang();
  const t = text(lang);
  return (
    <Layout title={t.notFoundTitle}>
      <h1>{t.notFoundTitle}</h1>
      <section class="card">
        <p>{message}</p>
        <p>
          <a href={localHref("/", lang)}>{t.navHome}</a> ·{" "}
          <a href={localHref("/departments", lang)}>{t.allDepartments}</a>
        </p>
      </section>
    </Layout>
  );
}
