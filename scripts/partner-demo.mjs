// `npm run partner-demo`: a county news site on a second origin that embeds the platform's widgets —
// a case's reply status and a department's monthly scoreboard (月度评议), each as the script widget
// (Shadow DOM) and as the iframe widget — under a strict CSP of its own that lets in scripts, frames
// and fetches from the platform origin only.
//
//   PARTNER_PORT  its port (default 8790)
//   PLATFORM_URL  the platform (default http://localhost:$PORT, PORT defaulting to 8787 as in npm start)
//
// Open http://localhost:8790/?case=<tracking number>[&lang=en][&theme=dark|light|auto][&poll=<seconds>]
// [&unit=<department id or region code>&kind=department|county]; without ?case= it shows the newest
// case on the platform's public board, without ?unit= the housing bureau's scoreboard. The iframes
// show only after an admin has added this origin under /console/admin/widget-origins.
//
// Plain Node built-ins only.
import http from "node:http";

const port = Number(process.env.PARTNER_PORT ?? 8790);
const platform = new URL(process.env.PLATFORM_URL ?? `http://localhost:${process.env.PORT ?? 8787}`).origin;

const CSP = [
  "default-src 'none'",
  `script-src ${platform}`,
  `connect-src ${platform}`,
  `frame-src ${platform}`,
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // No string ever reaches an HTML or script sink: the widget builds its DOM with textContent.
  "require-trusted-types-for 'script'",
].join("; ");

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.7 Georgia, "Songti SC", "SimSun", "WenQuanYi Micro Hei", serif; color: #202020; background: #fbfaf7; }
.masthead { background: #0d3b66; color: #fff; padding: .75rem 1rem; }
.masthead strong { font-size: 1.5rem; letter-spacing: .1em; }
.masthead span { display: block; font-size: .8rem; opacity: .85; }
nav { background: #092c4c; padding: .25rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; }
nav a { color: #fff; text-decoration: none; font-size: .95rem; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; line-height: 1.4; }
h2 { font-size: 1.1rem; border-left: 4px solid #0d3b66; padding-left: .5rem; margin-top: 2rem; }
.meta { color: #555; font-size: .85rem; }
iframe { width: 100%; height: 22rem; border: 0; }
form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
label { display: block; font-size: .9rem; }
input { font: inherit; padding: .35rem .5rem; }
button { font: inherit; padding: .35rem 1rem; background: #0d3b66; color: #fff; border: 0; border-radius: 3px; }
footer { color: #666; font-size: .8rem; text-align: center; padding: 2rem 1rem; }
`;

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The newest case on the platform's public board, or null. */
async function firstCase() {
  try {
    const res = await fetch(`${platform}/`, { signal: AbortSignal.timeout(5000) });
    return /href="\/cases\/([0-9A-Z]{12})"/.exec(await res.text())?.[1] ?? null;
  } catch {
    return null;
  }
}

function page({ trackingNo, lang, theme, poll, pollMax, unit, kind }) {
  const q = new URLSearchParams({ lang, theme });
  const attrs = [
    `data-tracking-no="${escapeHtml(trackingNo)}"`,
    `data-lang="${lang}"`,
    `data-theme="${theme}"`,
    poll ? `data-poll-seconds="${poll}"` : "",
    pollMax ? `data-poll-max-seconds="${pollMax}"` : "",
  ].join(" ");
  const widgets = trackingNo
    ? `<h2>留言办理进度（脚本挂件）</h2>
  <script src="${platform}/widget.js" ${attrs} async></script>
  <h2>留言办理进度（iframe 挂件）</h2>
  <iframe src="${platform}/widget/cases/${encodeURIComponent(trackingNo)}?${q}" title="留言办理进度" data-widget="case"></iframe>`
    : `<p>平台上还没有公开的留言。请先在 <a href="${platform}/submit">${platform}/submit</a> 留言，再带上 ?case=留言编号 打开本页。</p>`;
  const scoreboard = `<h2>${kind === "county" ? "县区" : "部门"}月度评议（脚本挂件）</h2>
  <script src="${platform}/widget.js" data-scoreboard="${kind}" data-unit="${escapeHtml(unit)}" data-lang="${lang}" data-theme="${theme}" async></script>
  <h2>${kind === "county" ? "县区" : "部门"}月度评议（iframe 挂件）</h2>
  <iframe src="${platform}/widget/scoreboard/${kind}/${encodeURIComponent(unit)}?${q}" title="月度评议" data-widget="scoreboard"></iframe>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>崆峒融媒 · 网络问政专栏</title>
  <link rel="stylesheet" href="/partner.css">
</head>
<body>
  <header class="masthead"><strong>崆峒融媒</strong><span>崆峒区融媒体中心 · 演示合作网站</span></header>
  <nav><a href="/">首页</a><a href="/">时政</a><a href="/">民生</a><a href="/">网络问政</a></nav>
  <main>
    <h1>群众关切有回应：本站接入平凉网络问政平台留言办理进度</h1>
    <p class="meta">本站讯 · 演示页面</p>
    <p>即日起，读者可在本站直接查看向平凉市网络问政平台反映问题的办理进度：承办单位、答复期限、网络发言人的答复和群众评价，随平台实时更新。</p>
    ${widgets}
    ${scoreboard}
    <h2>查询其他留言</h2>
    <form method="get" action="/">
      <label for="case">留言编号<br><input id="case" name="case" value="${escapeHtml(trackingNo ?? "")}" maxlength="24" autocomplete="off"></label>
      <input type="hidden" name="lang" value="${lang}"><input type="hidden" name="theme" value="${theme}">
      <input type="hidden" name="unit" value="${escapeHtml(unit)}"><input type="hidden" name="kind" value="${kind}">
      <button type="submit">查看</button>
    </form>
    <p class="meta">挂件来自 ${escapeHtml(platform)}。本页内容安全策略：${escapeHtml(CSP)}</p>
  </main>
  <footer>崆峒融媒 · 演示用合作网站，与平凉网络问政平台不同源</footer>
</body>
</html>`;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://localhost:${port}`);
  if (url.pathname === "/partner.css") {
    res.writeHead(200, { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=300" }).end(CSS);
    return;
  }
  if (url.pathname !== "/") {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    return;
  }
  const asked = (url.searchParams.get("case") ?? "").trim().toUpperCase();
  const trackingNo = /^[0-9A-Z-]{8,24}$/.test(asked) ? asked : await firstCase();
  const lang = url.searchParams.get("lang") === "en" ? "en" : "zh";
  const theme = ["dark", "light"].includes(url.searchParams.get("theme") ?? "")
    ? url.searchParams.get("theme")
    : "auto";
  const seconds = (name) => {
    const n = Number(url.searchParams.get(name));
    return Number.isInteger(n) && n >= 1 && n <= 600 ? n : null;
  };
  const kind = url.searchParams.get("kind") === "county" ? "county" : "department";
  const askedUnit = (url.searchParams.get("unit") ?? "").trim();
  const unit = /^[\w-]{1,64}$/.test(askedUnit) ? askedUnit : kind === "county" ? "620802" : "pl-housing";
  const html = page({ trackingNo, lang, theme, poll: seconds("poll"), pollMax: seconds("pollMax"), unit, kind });
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": CSP,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(html);
});

server.listen(port, () => {
  console.log(`Partner demo (a county news site) on http://localhost:${port}/ — embeds the widget from ${platform}`);
  console.log(
    `  The iframe widget shows once an admin adds http://localhost:${port} at ${platform}/console/admin/widget-origins.`,
  );
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
