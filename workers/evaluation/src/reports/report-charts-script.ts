import { reportCharts } from "./report-charts.client";

/** /reports/assets/report-charts.js: the client function's compiled source, run once ECharts has loaded (both deferred). */
export const REPORT_CHARTS_SCRIPT = `"use strict";(${reportCharts.toString()})(window);\n`;
