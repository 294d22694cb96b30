import { Hono } from "hono";
import { etag } from "hono/etag";
import { currentPeriod } from "../../../../shared/clocks/period";
import { Period } from "../../../../shared/scoring/rankings.schema";
import { assetHref } from "./assets.routes";
import { loadReport } from "./report-data";
import { NoReportPage, ReportPage } from "./report-page";
import { latestPeriod } from "./report-queries";

/** The public monthly report (月度评议报告), one page per month, rendered from the rollups. */
export const reportPages = new Hono<{ Bindings: EvaluationEnv }>();

reportPages.use(etag());

// Mounted at /reports: "/" answers /reports only, the empty-parameter route /reports/ as well.
for (const path of ["/", "/:slash{^$}"]) {
  reportPages.get(path, async (c) => {
    const period = (await latestPeriod(c.env.DB)) ?? currentPeriod();
    c.header("Cache-Control", "public, max-age=300");
    return c.redirect(`/reports/${period}`, 302);
  });
}

reportPages.get("/:period", async (c) => {
  const period = Period.safeParse(c.req.param("period"));
  if (!period.success) return c.html(<NoReportPage />, 404);
  const [data, css, echarts, charts] = await Promise.all([
    loadReport(c.env.DB, period.data),
    assetHref("report.css"),
    assetHref("echarts.min.js"),
    assetHref("report-charts.js"),
  ]);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<ReportPage data={data} hrefs={{ css, echarts, charts }} />);
});
