import type { Child } from "hono/jsx";

export const SITE_NAME = "平凉网络问政";

/**
 * The page shell shared by the public portal and, later, the staff console. No client script of
 * its own; `head` adds a page's own stylesheet (same origin, the CSP allows nothing else).
 */
export function Layout(props: { title: string; children: Child; head?: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${SITE_NAME}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" href="data:," />
        {props.head}
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">{SITE_NAME}</a>
          <nav>
            <a href="/">留言公开</a>
            <a href="/submit">我要留言</a>
            <a href="/lookup">查询进度</a>
            <a href="/spokespeople">网络发言人</a>
            <a href="/notices">通报</a>
            <a href="/reports">月度评议</a>
            <a href="/api/v1/docs">开放接口</a>
          </nav>
        </header>
        <main>{props.children}</main>
        <footer class="site">平凉市网络问政平台 · 演示环境 · 定期浏览 · 网上交办 · 限时办结 · 联动督查 · 舆情分析</footer>
      </body>
    </html>
  );
}

export function FieldError(props: { errors: Record<string, string>; name: string }) {
  const message = props.errors[props.name];
  return message ? <span class="field-error" id={`${props.name}-error`}>{message}</span> : null;
}
