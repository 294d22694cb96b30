import type { Child } from "hono/jsx";
import { can, PERMISSIONS } from "../../../../shared/domain/permissions";
import type { Staff } from "../desk/session";

const ROLE_NAMES: Record<string, string> = {
  dispatcher: "分办员",
  handler: "承办人",
  spokesperson: "网络发言人",
  supervisor: "督查员",
  evaluator: "评议员",
  admin: "管理员",
};

/**
 * The staff console shell: the portal's look plus the console's own stylesheet, a skip link to the
 * content, and a navigation that shows only what the role may open (`current` marks the page's tab).
 */
export function ConsoleLayout(props: { title: string; staff: Staff | null; children: Child; current?: string }) {
  const s = props.staff;
  const links: [string, string, boolean][] = s
    ? [
        ["/console/dispatch", "分办台", can(s, "desk.dispatch")],
        ["/console/inbox", "本单位待办", can(s, "desk.inbox") && s.role !== "spokesperson"],
        ["/console/review", "答复审核", can(s, "desk.review")],
        ["/console/overdue", "超期督办", can(s, "desk.overdue")],
        [
          "/console/leader",
          "领导信箱",
          can(s, "desk.leader") && (PERMISSIONS["desk.leader"][s.role] === "any" || s.leaderOffice),
        ],
        ["/console/notifications", "通知记录", can(s, "desk.notifications")],
        ["/console/evaluation/panel", "评议打分", can(s, "eval.panel")],
        ["/console/evaluation/accountability", "问责清单", can(s, "eval.accountability")],
        ["/console/evaluation/opinion", "舆情分析", can(s, "eval.opinion") || s.leaderOffice],
        ["/console/evaluation/settings", "评议设置", can(s, "admin.manage")],
        ["/console/admin", "系统管理", can(s, "admin.manage")],
      ]
    : [];
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · 网络问政工作台`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
      </head>
      <body class="console">
        <a class="skip" href="#main">
          跳到主要内容
        </a>
        <header class="site">
          <a class="brand" href="/console">
            网络问政工作台
          </a>
          {s && (
            <nav aria-label="工作台导航">
              {links
                .filter(([, , show]) => show)
                .map(([href, label]) => (
                  <a href={href} aria-current={href === props.current ? "page" : undefined}>
                    {label}
                  </a>
                ))}
            </nav>
          )}
          {s && (
            <form method="post" action="/console/logout" class="signout">
              <input type="hidden" name="_csrf" value={s.csrf} />
              <span>
                {s.displayName}（{ROLE_NAMES[s.role] ?? s.role}）
              </span>{" "}
              <button type="submit">退出</button>
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
