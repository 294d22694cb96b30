import { formatTrackingNo } from "../../../../shared/domain/ids";
import { localHref, userLang } from "../../../../shared/ui/i18n";
import { Said } from "../../../../shared/ui/said";
import { WIDGET_TEXT, type WidgetLang, type WidgetTheme } from "../widget/widget-text";
import type { WidgetView } from "../widget/widget-view";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

export interface WidgetPageProps {
  /** null: no such case (the page then names no number). */
  view: WidgetView | null;
  lang: WidgetLang;
  theme: WidgetTheme;
}

/** The iframe widget: the same view and look as the script widget, rendered on the server, no script. */
export function WidgetPage({ view, lang, theme }: WidgetPageProps) {
  const t = WIDGET_TEXT[lang];
  const number = view ? formatTrackingNo(view.trackingNo) : "";
  return (
    <html lang={lang === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${t.title} ${number} · ${t.brand}`}</title>
        <link rel="stylesheet" href="/widget/widget.css" />
      </head>
      <body>
        <main class="wz" data-theme={theme} data-status={view?.status.code ?? ""} aria-label={t.title}>
          <h1 class="head">
            <span class="brand">{t.brand}</span>
            {view && <span class="no">{`${t.trackingNo} ${number}`}</span>}
          </h1>
          {view ? (
            <Facts view={view} lang={lang} />
          ) : (
            <p class="msg" part="message">
              {t.notFound}
            </p>
          )}
        </main>
      </body>
    </html>
  );
}

function Facts({ view, lang }: { view: WidgetView; lang: WidgetLang }) {
  const t = WIDGET_TEXT[lang];
  const reply = view.reply;
  return (
    <>
      <dl>
        <dt>{t.status}</dt>
        <dd>
          <span class={`badge s-${view.status.code}`} part="status">
            {view.status[lang]}
          </span>
        </dd>
        <dt>{t.department}</dt>
        <dd part="department">{view.department?.name ?? t.noDepartment}</dd>
        <dt>{t.dueAt}</dt>
        <dd>
          <span part="due-at">{view.dueAt ? when(view.dueAt) + t.timeZone : t.noDueAt}</span>
          {view.dueStatus && (
            <span class={`due ${view.dueStatus}`} part="due-status">
              {t.due[view.dueStatus]}
            </span>
          )}
        </dd>
      </dl>
      {reply && (
        <section class="reply" part="reply">
          <h3>{t.reply}</h3>
          <p part="reply-text" lang={userLang()}>
            {reply.text}
          </p>
          <p class="by" part="spokesperson">
            {`${t.spokesperson} `}
            <Said>{reply.spokesperson.name}</Said>
            {reply.spokesperson.title ? (
              <>
                {t.open}
                <Said>{reply.spokesperson.title}</Said>
                {t.close}
              </>
            ) : (
              ""
            )}
            {` · ${when(reply.publishedAt)}`}
          </p>
        </section>
      )}
      {view.rating && <p class="rating" part="rating">{`${t.rating}${t.colon}${view.rating[lang]}`}</p>}
      <p class="foot">
        <a href={localHref(`/cases/${view.trackingNo}`, lang)} target="_blank" rel="noopener">
          {t.details}
        </a>
      </p>
    </>
  );
}
