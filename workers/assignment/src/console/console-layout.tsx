import type { Child } from "hono/jsx";
import { can, PERMISSIONS } from "../../../../shared/domain/permissions";
import { htmlLang, languageSwitch, portalLang, userLang } from "../../../../shared/ui/i18n";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { interviewText } from "../../../../shared/ui/i18n-interviews";
import type { Staff } from "../desk/session";

/**
 * The staff console shell: the portal's look plus the console's own stylesheet, a skip link to the
 * content, and a navigation that shows only what the role may open (`current` marks the page's tab).
 */
export function ConsoleLayout(props: { title: string; staff: Staff | null; children: Child; current?: string }) {
  const s = props.staff;
  const t = consoleText();
  const other = languageSwitch((path) => path.replace(/\/(actions|[a-z-]+\/(delete|disable|revoke))$/, ""));
  const links: [string, string, boolean][] = s
    ? [
        ["/console/dispatch", t.nav.dispatch, can(s, "desk.dispatch")],
        ["/console/inbox", t.nav.inbox, can(s, "desk.inbox") && s.role !== "spokesperson"],
        ["/console/review", t.nav.review, can(s, "desk.review")],
        ["/console/overdue", t.nav.overdue, can(s, "desk.overdue")],
        [
          "/console/leader",
          t.nav.leader,
          can(s, "desk.leader") && (PERMISSIONS["desk.leader"][s.role] === "any" || s.leaderOffice),
        ],
        ["/console/notifications", t.nav.notifications, can(s, "desk.notifications")],
        [
          "/console/interviews",
          interviewText().consoleTitle,
          can(s, "interview.moderate") || can(s, "interview.answer") || can(s, "interview.schedule"),
        ],
        ["/console/evaluation/panel", t.nav.panel, can(s, "eval.panel")],
        ["/console/evaluation/accountability", t.nav.accountability, can(s, "eval.accountability")],
        ["/console/evaluation/opinion", t.nav.opinion, can(s, "eval.opinion") || s.leaderOffice],
        ["/console/evaluation/topics", t.nav.topics, can(s, "eval.topic")],
        ["/console/evaluation/settings", t.nav.settings, can(s, "admin.manage")],
        ["/console/admin", t.nav.admin, can(s, "admin.manage")],
      ]
    : [];
  return (
    <html lang={htmlLang(portalLang())}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.consoleName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
      </head>
      <body class="console">
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site">
          <a class="brand" href="/console">
            {t.consoleName}
          </a>
          {s && (
            <nav aria-label={t.navLabel}>
              {links
                .filter(([, , show]) => show)
                .map(([href, label]) => (
                  <a href={href} aria-current={href === props.current ? "page" : undefined}>
                    {label}
                  </a>
                ))}
            </nav>
          )}
          {other && (
            <a class="lang" href={other.href} lang={htmlLang(other.lang)} hreflang={htmlLang(other.lang)}>
              {other.label}
            </a>
          )}
          {s && (
            <form method="post" action="/console/logout" class="signout">
              <input type="hidden" name="_csrf" value={s.csrf} />
              <span>
                <a href="/console/profile" lang={userLang()} title={t.profileTitle}>
                  {s.displayName}
                </a>
                {t.open}
                {t.roles[s.role] ?? s.role}
                {t.close}
              </span>{" "}
              <a href="/console/security">{t.securityTitle}</a> <button type="submit">{t.signOut}</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Hidden fields every console form carries: the CSRF token and a one-time idempotency key. */
export function FormGuard({ staff }: { staff: Staff }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={staff.csrf} />
      <input type="hidden" name="_key" value={crypto.randomUUID()} />
    </>
  );
}
