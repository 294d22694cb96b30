/** /reports/assets/report.css: the report's additions to the portal's /assets/site.css. */
export const REPORT_CSS = `
.report-nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; margin: 0 0 1rem; }
.report-nav .downloads { margin-left: auto; }
.report-nav a { white-space: nowrap; }
dl.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .75rem; margin: 0; }
dl.headline div { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
dl.headline dt { color: var(--muted); font-size: .85rem; }
dl.headline dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
dl.headline .n { font-size: .75rem; font-weight: 400; margin-left: .25rem; color: var(--muted); }
.table-scroll { overflow-x: auto; margin-bottom: 1rem; }
table caption { text-align: left; color: var(--muted); font-size: .85rem; padding: .25rem 0; caption-side: top; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td .n { display: block; color: var(--muted); font-size: .75rem; }
td.score { font-weight: 700; }
td.mono { white-space: nowrap; }
table.unranked { color: #444; }
.formula { font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; font-size: .9rem; }
ul.method li { margin-bottom: .5rem; }
ul.method .formula { display: block; margin-top: .25rem; }
.chart { display: none; width: 100%; height: 320px; margin-bottom: 1rem; }
.charts-on .chart { display: block; }
@media print {
  .chart, .report-nav .downloads { display: none !important; }
  .table-scroll { overflow: visible; }
}
`;
