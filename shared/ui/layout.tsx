import type { Child } from "hono/jsx";
import { htmlLang, languageSwitch, localHref, portalLang, text } from "./i18n";
import { interviewText } from "./i18n-interviews";
import { topicsText } from "./i18n-topics";

/**
 * The page shell shared by the public portal and the monthly report. No client script of its own;
 * `head` adds a page's own stylesheet (same origin, the CSP allows nothing else). The language
 * comes from the request (`?lang=en`); every portal link keeps it.
 */
export function Layout(props: { title: string; children: Child; head?: Child }) {
  const lang = portalLang();
  const t = text(lang);
  const other = languageSwitch();
  const nav: [string, string][] = [
    ["/board", t.navBoard],
    ["/submit", t.navSubmit],
    ["/lookup", t.navLookup],
    ["/departments", t.navDepartments],
    ["/spokespeople", t.navSpokespeople],
    ["/interviews", interviewText(lang).nav],
    ["/notices", t.navNotices],
    ["/topics", topicsText(lang).navTopics],
  ];
  return (
    <html lang={htmlLang(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="data:," />
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site">
          <a class="brand" href={localHref("/", lang)}>
            {t.siteName}
          </a>
          {other && (
            <a class="lang" href={other.href} lang={htmlLang(other.lang)} hreflang={htmlLang(other.lang)}>
              {other.label}
            </a>
          )}
          <nav aria-label={t.navLabel}>
            <ul>
              {nav.map(([href, label]) => (
                <li>
                  <a href={localHref(href, lang)}>{label}</a>
                </li>
              ))}
              <li>
                <a href={localHref("/reports", lang)}>{t.navReports}</a>
              </li>
              <li>
                {/* The API reference is in Chinese only, and says so to the browser. */}
                <a href="/api/v1/docs" hreflang="zh-CN">
                  {t.navApi}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">{t.footer}</footer>
      </body>
    </html>
  );
}
