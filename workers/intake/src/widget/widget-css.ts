// Dark colours are written once and used twice: for data-theme="dark", and for "auto" when the
// reader's system prefers dark.
const DARK =
  "--bg:#1d1d1f;--ink:#ececec;--muted:#b4b4b4;--line:#3b3b3e;--accent:#f19a9a;--badge:#34343a;--ok:#8fd19e;--soon:#ffc266;--late:#ff9c9c;color-scheme:dark;";

/**
 * The widgets' styles (reply status and scoreboard): adopted by the script widget's shadow root (a constructed sheet, which a
 * partner's `style-src` does not block) and linked by the iframe page as /widget/widget.css.
 * `:host { all: initial }` keeps the partner page's inherited styles out.
 */
export const WIDGET_CSS = `
:host{all:initial;display:block;margin:.75rem 0}
body{margin:0;background:transparent}
.wz{--bg:#fff;--ink:#1f1f1f;--muted:#555;--line:#dcdcdc;--accent:#b71c1c;--badge:#f0f0f0;--ok:#1b5e20;--soon:#7a4100;--late:#b71c1c;color-scheme:light;
box-sizing:border-box;max-width:40rem;padding:.75rem 1rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--ink);
font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;overflow-wrap:anywhere;text-align:left}
.wz[data-theme=dark]{${DARK}}
@media (prefers-color-scheme:dark){.wz[data-theme=auto]{${DARK}}}
.wz *{box-sizing:border-box}
.wz .head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem;margin:0 0 .5rem;font-size:1rem;font-weight:700}
.wz .brand{color:var(--accent)}
.wz .no{color:var(--muted);font-weight:400;font-family:ui-monospace,Menlo,Consolas,monospace;letter-spacing:.04em}
.wz dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:0}
.wz dt{color:var(--muted)}
.wz dd{margin:0}
.wz .badge{display:inline-block;padding:0 .5rem;border-radius:4px;background:var(--badge);font-weight:600}
.wz .due{margin-left:.5rem;font-weight:600;white-space:nowrap}
.wz .due.on_time{color:var(--ok)}
.wz .due.due_soon{color:var(--soon)}
.wz .due.overdue{color:var(--late)}
.wz .reply{margin:.75rem 0 0;padding-left:.75rem;border-left:3px solid var(--accent)}
.wz .reply h3{margin:0;font-size:.95rem}
.wz .reply p{margin:.25rem 0;white-space:pre-wrap}
.wz .by,.wz .msg,.wz .foot{color:var(--muted);font-size:.875rem}
.wz .rating{margin:.5rem 0 0}
.wz .foot{margin:.5rem 0 0}
.wz a{color:var(--accent)}
.wz .unit{margin:0;font-size:1.05rem}
.wz dl.sb{grid-template-columns:repeat(auto-fit,minmax(7rem,1fr));gap:.5rem;margin:.5rem 0 .75rem}
.wz .sb div{padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;text-align:center}
.wz .sb dd{font-size:1.3rem;font-weight:700;color:var(--accent)}
.wz .score{font-weight:700}
.wz .rank.none{color:var(--muted)}
`;
