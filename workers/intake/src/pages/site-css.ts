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
/* The portal: keyboard focus, the skip link, the header's list of links and its language switch. */
a { color: #0b57a4; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
header.site a:focus-visible { outline-color: #fff; }
main:focus { outline: none; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; color: var(--ink); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; top: .5rem; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
header.site nav li a { margin-right: 0; display: inline-block; padding: .2rem 0; }
header.site a.lang { margin: 0 0 0 auto; border: 1px solid #fff; border-radius: 4px; padding: .1rem .6rem; order: 2; }
header.site nav { order: 3; flex-basis: 100%; }
@media (min-width: 720px) { header.site nav { flex-basis: auto; order: 1; } header.site a.lang { order: 2; } }
.lead { font-size: 1.05rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; }
a.button { display: inline-block; background: var(--red); color: #fff; text-decoration: none; padding: .55rem 1.2rem; border-radius: 4px; }
a.button.secondary { background: #fff; color: var(--red); border: 1px solid var(--red); }
ol.steps { list-style: none; counter-reset: step; padding: 0; margin: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); }
ol.steps li { counter-increment: step; border-left: 4px solid var(--red); padding: .25rem .75rem; }
ol.steps li h3::before { content: counter(step) ". "; }
h3 { font-size: 1rem; margin: .25rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; margin: 0; }
.figures div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.figures dt { color: var(--muted); font-size: .9rem; }
.figures dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
.figures dd small { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
ul.cases { list-style: none; padding: 0; margin: 0; }
ul.cases > li { border-bottom: 1px solid var(--line); padding: .75rem 0; }
ul.cases > li:last-child { border-bottom: 0; }
ul.cases h3 { font-size: 1.05rem; }
.meta { color: var(--muted); font-size: .85rem; margin: .15rem 0; display: flex; flex-wrap: wrap; gap: .15rem .75rem; }
.excerpt { margin: .35rem 0 0; padding-left: .75rem; border-left: 3px solid var(--line); overflow-wrap: anywhere; }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0 1rem; }
.filters .wide { grid-column: 1 / -1; }
.filters .buttons { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
input[type=search], input[type=month] { width: 100%; padding: .5rem; font: inherit; border: 1px solid #bbb; border-radius: 4px; background: #fff; }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--red); border-width: 2px; }
.errors ul { margin: .25rem 0; padding-left: 1.25rem; }
.errors a { color: var(--red); font-weight: 600; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; }
nav.pager a { padding: .4rem .9rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; text-decoration: none; }
.table-wrap { overflow-x: auto; }
td.num, th.num { text-align: right; white-space: nowrap; }
.ok { color: #1b5e20; }
.bad { color: var(--red); }
.verdict { font-weight: 700; padding: .5rem .75rem; border-radius: 4px; }
.verdict.ok { background: #e8f5e9; }
.verdict.bad { background: #fde0e0; }
ol.timeline li { margin-bottom: .25rem; }
@media (max-width: 480px) {
  main { padding: 0 .75rem; }
  section.card, form.card { padding: .75rem; }
  th, td { padding: .35rem .3rem; font-size: .9rem; overflow-wrap: anywhere; }
}
`;
