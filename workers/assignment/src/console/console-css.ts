/**
 * The console's own styles, on top of the portal's /assets/site.css (same colours, type and
 * cards): work queues that read at a glance — statuses coloured and named, deadlines right-aligned,
 * headers that stay in view, counts on the tabs — and a focus ring you can always see.
 * Served as /console/assets/console.css so the console keeps its strict CSP (no inline style).
 */
export const CONSOLE_CSS = `
body.console main { max-width: 1200px; }
.skip { position: absolute; left: -9999px; top: .5rem; z-index: 10; padding: .5rem 1rem; border-radius: 4px; background: #fff; color: var(--red); font-weight: 700; }
.skip:focus { left: .5rem; }
:focus-visible { outline: 3px solid #1a4fb5; outline-offset: 2px; }
header.site a:focus-visible, header.site button:focus-visible { outline-color: #fff; }
main:focus { outline: none; }
body.console header.site nav { order: 0; flex-basis: auto; display: flex; flex-wrap: wrap; gap: .25rem 0; }
body.console header.site form.signout { order: 1; }
header.site nav a { padding: .15rem 0; }
header.site nav a[aria-current=page] { font-weight: 700; text-decoration: underline; text-underline-offset: .4em; text-decoration-thickness: 2px; }

nav.tabs { display: flex; flex-wrap: wrap; gap: .25rem; margin: 0 0 1rem; border-bottom: 2px solid var(--line); }
nav.tabs a { padding: .35rem .8rem; border: 1px solid var(--line); border-bottom: 0; border-radius: 6px 6px 0 0; background: #fff; color: var(--ink); text-decoration: none; }
nav.tabs a:hover { background: #fff6e5; }
.count { display: inline-block; min-width: 1.7em; margin-left: .35rem; padding: 0 .4rem; border-radius: 999px; background: #e8e8e8; color: var(--ink); font-size: .8rem; font-weight: 700; text-align: center; font-variant-numeric: tabular-nums; }
.count.late { background: var(--red); color: #fff; }
.count.soon { background: #8a5200; color: #fff; }
h2 .count { vertical-align: .1em; }

table.cases { font-size: .92rem; }
table.cases thead th { position: sticky; top: 0; z-index: 1; background: #efebe6; border-bottom: 2px solid #cfc8bf; white-space: nowrap; }
table.cases tbody tr:nth-child(even) { background: #fbfaf8; }
table.cases tbody tr:hover { background: #fff6e5; }
table.cases tr.due-late td:first-child { box-shadow: inset 4px 0 var(--red); }
table.cases tr.due-soon td:first-child { box-shadow: inset 4px 0 #8a5200; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num time { display: block; color: var(--muted); font-size: .8rem; }
table.cases .status { margin: 0 .25rem .15rem 0; }

/* Every status is a word on a tint: the colour helps, the text carries the meaning. */
.status.submitted, .status.held { background: #ececec; color: #333; }
.status.accepted, .status.returned, .status.reopened { background: #fff0d4; color: #5c3800; }
.status.assigned, .status.acknowledged { background: #e2ebfa; color: #183f78; }
.status.replied, .status.closed { background: #e1f1e1; color: #1b5e20; }
.status.rejected, .status.merged, .status.overdue { background: #fde0e0; color: #8e1212; }
.clock.soon { color: #8a5200; }
.clock.late { color: #a31515; }

form.inline-filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
form.inline-filter label { margin: 0; }
form.inline-filter select { width: auto; min-width: 14rem; }
form.inline-filter button { margin: 0; }
form.card.action { border-left: 4px solid var(--red); }
form.card.action input[type=number] { width: 7rem; padding: .5rem; font: inherit; border: 1px solid #bbb; border-radius: 4px; }
form.card.action textarea { min-height: 5rem; }
form.card.action textarea#reply-text { min-height: 12rem; }
form.card.action h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
ol.timeline li { margin-bottom: .25rem; }
@media print { .skip, nav.tabs { display: none !important; } table.cases thead th { position: static; } }
`;
