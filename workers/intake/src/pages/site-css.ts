/** Served as /assets/site.css so pages stay within a strict CSP (no inline styles or scripts). */
export const SITE_CSS = `
:root { --red: #b71c1c; --ink: #222; --muted: #666; --line: #ddd; --bg: #f7f5f2; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--ink); background: var(--bg); }
header.site { background: var(--red); color: #fff; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .75rem 1rem; }
header.site a { color: #fff; text-decoration: none; margin-right: 1rem; }
header.site .brand { font-weight: 700; font-size: 1.2rem; }
main { max-width: 960px; margin: 1rem auto; padding: 0 1rem; }
footer.site { text-align: center; color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
section.card, form.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: .25rem 0 .75rem; }
label { display: block; font-weight: 600; margin-top: .75rem; }
input[type=text], input[type=tel], input[type=email], select, textarea { width: 100%; padding: .5rem; font: inherit; border: 1px solid #bbb; border-radius: 4px; background: #fff; }
textarea { min-height: 10rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .75rem 0 0; padding: .25rem .75rem .5rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label.choice { display: inline-block; font-weight: 400; margin: .35rem 1.25rem .1rem 0; }
.hint { color: var(--muted); font-size: .85rem; font-weight: 400; }
.field-error, .error { color: var(--red); font-size: .9rem; display: block; }
.errors { border: 1px solid var(--red); background: #fff3f3; padding: .5rem 1rem; border-radius: 4px; }
button { background: var(--red); color: #fff; border: 0; padding: .6rem 1.5rem; font: inherit; border-radius: 4px; margin-top: 1rem; cursor: pointer; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.status { display: inline-block; padding: 0 .5rem; border-radius: 3px; background: #eee; font-size: .85rem; white-space: nowrap; }
.status.replied, .status.closed { background: #e3f2e3; }
.status.rejected, .status.overdue { background: #fde0e0; }
.secret { font: 700 1.4rem/1.4 ui-monospace, monospace; letter-spacing: .1em; }
.mono { font-family: ui-monospace, monospace; word-break: break-all; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { color: var(--muted); }
ol.timeline { padding-left: 1.25rem; }
.reply { border-left: 4px solid var(--red); padding-left: 1rem; white-space: pre-wrap; }
.body-text { white-space: pre-wrap; }
.clock { font-weight: 600; white-space: nowrap; }
.clock.ok { color: #2e7d32; }
.clock.soon { color: #b26a00; }
.clock.late { color: var(--red); }
.notice { border: 1px solid #2e7d32; background: #f1f8f1; padding: .5rem 1rem; border-radius: 4px; }
form.inline { display: inline; }
button.small { padding: .2rem .6rem; margin: 0; font-size: .85rem; }
header.site form.signout { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
header.site form.signout button { margin: 0; background: #fff; color: var(--red); padding: .2rem .8rem; }
.print-only { display: none; }
@media print {
  header.site, footer.site, nav, .no-print { display: none !important; }
  .print-only { display: block; }
  body { background: #fff; }
  section.card { border: 0; }
}
.stats { display: flex; flex-wrap: wrap; gap: 1rem; }
.stats div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
.stats strong { display: block; font-size: 1.4rem; }
`;
