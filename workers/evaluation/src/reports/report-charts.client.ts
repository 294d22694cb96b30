/*
 * The report's charts, served as /reports/assets/report-charts.js after ECharts. The page is
 * complete without them: the tables carry every number, and the chart boxes stay hidden until this
 * script marks the document. `reportCharts.toString()` is what is served, so the function must be
 * self-contained after esbuild (wrangler's keepNames wraps named function bindings in `__name(…)`):
 * no imports but types, no `function f` or `const f = () => …` inside; helpers are object-literal
 * methods and callbacks stay anonymous. Data comes from the page's JSON block, never from markup.
 */

/** What the page puts in `<script type="application/json" id="report-data">`. */
export interface ReportChartData {
  /** Ranked departments and counties, best first, with their composite score. */
  departments: { name: string; score: number }[];
  counties: { name: string; score: number }[];
  /** Percent with one decimal per month, null where a month has no data. */
  trend: { periods: string[]; series: { name: string; values: (number | null)[] }[] };
}

interface ChartElement {
  style: { height: string };
}
interface Chart {
  setOption(option: unknown): void;
  resize(): void;
}
export interface ChartGlobals {
  document: {
    getElementById(id: string): (ChartElement & { textContent: string | null }) | null;
    documentElement: { classList: { add(name: string): void } };
  };
  echarts?: { init(el: ChartElement, theme?: string | null, opts?: { renderer: "canvas" | "svg" }): Chart };
  matchMedia?(query: string): { matches: boolean };
  addEventListener(type: "resize", listener: () => void): void;
}

/** `g` is the page's `window`: the served script passes it, so the function names what it uses of the DOM. */
export function reportCharts(g: ChartGlobals): void {
  const source = g.document.getElementById("report-data");
  const echarts = g.echarts;
  if (!source || !echarts) return;
  const data = JSON.parse(source.textContent ?? "null") as ReportChartData | null;
  if (!data) return;
  g.document.documentElement.classList.add("charts-on");
  const animation = !g.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const charts: Chart[] = [];
  const RED = "#b71c1c";

  const draw = {
    chart(id: string, option: Record<string, unknown>, height?: number): void {
      const el = g.document.getElementById(id);
      if (!el) return;
      if (height) el.style.height = `${height}px`;
      const chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation,
        textStyle: { fontFamily: "system-ui, PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" },
        ...option,
      });
      charts.push(chart);
    },
    bars(id: string, units: { name: string; score: number }[]): void {
      if (units.length === 0) return;
      draw.chart(
        id,
        {
          grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "value", min: 0, max: 100 },
          yAxis: { type: "category", inverse: true, data: units.map((u) => u.name), axisTick: { show: false } },
          series: [
            {
              type: "bar",
              data: units.map((u) => u.score),
              itemStyle: { color: RED },
              label: { show: true, position: "right" },
              barMaxWidth: 22,
            },
          ],
        },
        Math.max(160, 30 * units.length + 40),
      );
    },
  };

  draw.bars("chart-departments", data.departments);
  draw.bars("chart-counties", data.counties);
  draw.chart("chart-trend", {
    color: [RED, "#1565c0", "#2e7d32", "#b26a00"],
    legend: { top: 0 },
    // Plain-text tooltips: the HTML ones carry inline styles the CSP refuses.
    tooltip: {
      trigger: "axis",
      renderMode: "richText",
      valueFormatter(v: unknown) {
        return typeof v === "number" ? `${v}%` : "—";
      },
    },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: data.trend.periods },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: data.trend.series.map((s) => ({
      name: s.name,
      type: "line",
      data: s.values,
      connectNulls: false,
      symbolSize: 6,
    })),
  });
  g.addEventListener("resize", () => {
    for (const chart of charts) chart.resize();
  });
}
