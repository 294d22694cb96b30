/**
 * Static files of the evaluation pages, served by the assignment Worker under /console/assets/ so
 * the pages stay within the console's CSP (no inline script or style).
 */

export const EVALUATION_CSS = `
table.scores input[type=number] { width: 4.5rem; padding: .3rem; font: inherit; border: 1px solid #bbb; border-radius: 4px; }
table.scores input[type=text] { min-width: 8rem; padding: .3rem; }
.table-scroll { overflow-x: auto; }
input[aria-invalid=true] { border-color: var(--red) !important; background: #fff3f3; }
form.group-edit input[type=text] { width: auto; max-width: 14rem; display: inline-block; margin-right: .5rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.flag { color: var(--red); font-weight: 700; }
.chart { width: 100%; height: 360px; }
.period-nav a { margin-right: 1rem; }
.period-nav label { display: inline; margin: 0 .5rem 0 0; }
.period-nav input[type=month] { padding: .25rem; font: inherit; }
@media print {
  .chart { display: none !important; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * Draws the 舆情分析 charts with ECharts (loaded before this script) from the page's JSON block.
 * Without JavaScript, or without ECharts, the tables carry every number and nothing is drawn.
 * Tooltips render as canvas rich text, so no term from a message is ever parsed as HTML.
 */
export const OPINION_CHARTS_JS = `(function () {
  "use strict";
  var node = document.getElementById("opinion-data");
  var echarts = window.echarts;
  if (!node || !echarts) return;
  var data;
  try { data = JSON.parse(node.textContent || "{}"); } catch (e) { return; }
  // The charts' own words, in the page's language, on their containers.
  function label(id, key) { var el = document.getElementById(id); return (el && el.dataset[key]) || ""; }
  var charts = [];
  function draw(id, option, height) {
    var el = document.getElementById(id);
    if (!el) return;
    el.hidden = false;
    if (height) el.style.height = height + "px"; // CSSOM, which a style-src 'self' CSP allows
    var chart = echarts.init(el);
    chart.setOption(option);
    charts.push(chart);
  }
  var tooltip = { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } };
  var hot = Array.isArray(data.hot) ? data.hot : [];
  if (hot.length > 0) {
    draw("chart-hot", {
      animation: false,
      tooltip: tooltip,
      grid: { left: 8, right: 32, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: "value", name: label("chart-hot", "messages"), nameLocation: "middle", nameGap: 24, minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: hot.map(function (t) { return t.term; }), axisLabel: { width: 180, overflow: "truncate" } },
      series: [{ type: "bar", name: label("chart-hot", "messages"), data: hot.map(function (t) { return t.n; }), itemStyle: { color: "#b71c1c" }, label: { show: true, position: "right" } }]
    }, Math.max(200, 22 * hot.length + 70));
  }
  var rising = Array.isArray(data.rising) ? data.rising : [];
  if (rising.length > 0) {
    draw("chart-rising", {
      animation: false,
      tooltip: tooltip,
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: rising.map(function (t) { return t.term; }), axisLabel: { interval: 0, rotate: rising.length > 8 ? 30 : 0, width: 120, overflow: "truncate" } },
      yAxis: { type: "value", name: label("chart-rising", "cases"), minInterval: 1 },
      series: [
        { type: "bar", name: label("chart-rising", "recent"), data: rising.map(function (t) { return t.recent; }), itemStyle: { color: "#b71c1c" } },
        { type: "bar", name: label("chart-rising", "usual"), data: rising.map(function (t) { return Math.round(t.baseline * 10) / 10; }), itemStyle: { color: "#9e9e9e" } }
      ]
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
`;
