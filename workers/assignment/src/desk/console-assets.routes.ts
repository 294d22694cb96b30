import { Hono } from "hono";
import { etag } from "hono/etag";
import { CONSOLE_CSS } from "../console/console-css";
import { EVALUATION_CSS, OPINION_CHARTS_JS } from "../console/evaluation-assets";
import type { DeskEnv } from "./session";

/**
 * The console's stylesheet. Public (the sign-in page needs it too) and cacheable, so it is mounted
 * before the sign-in check and before the console's `no-store`.
 */
export const consoleAssets = new Hono<DeskEnv>();

consoleAssets.use("/console.css", etag());
consoleAssets.get("/console.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(CONSOLE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});

/** The evaluation pages' script and stylesheet: only signed-in staff load those pages. */
export const staffAssets = new Hono<DeskEnv>();

const asset = (body: string, type: string) => () =>
  new Response(body, { headers: { "content-type": `${type}; charset=utf-8` } });
staffAssets.get("/opinion-charts.js", asset(OPINION_CHARTS_JS, "text/javascript"));
staffAssets.get("/evaluation.css", asset(EVALUATION_CSS, "text/css"));
