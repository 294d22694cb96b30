import ECHARTS_SOURCE from "echarts/dist/echarts.min.js";
import { Hono } from "hono";
import { REPORT_CHARTS_SCRIPT } from "./report-charts-script";
import { REPORT_CSS } from "./report-css";

/**
 * The report's static files. ECharts is node_modules/echarts/dist/echarts.min.js, bundled as a text
 * module by the `[[rules]] type = "Text"` in this Worker's wrangler.toml (read by wrangler and by
 * the vitest plugin alike), so it ships with the Worker and needs no build step or asset upload.
 * Pages link each file with `?v=<content hash>`; such a request may be cached for a year.
 */
export const ASSETS = {
  "echarts.min.js": { body: ECHARTS_SOURCE, type: "text/javascript; charset=utf-8" },
  "report-charts.js": { body: REPORT_CHARTS_SCRIPT, type: "text/javascript; charset=utf-8" },
  "report.css": { body: REPORT_CSS, type: "text/css; charset=utf-8" },
} as const;
export type AssetName = keyof typeof ASSETS;

const versions = new Map<AssetName, Promise<string>>();

/** The first 16 hex digits of the file's SHA-256, computed once per isolate. */
export function assetVersion(name: AssetName): Promise<string> {
  let version = versions.get(name);
  if (!version) {
    version = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(ASSETS[name].body))
      .then((d) => [...new Uint8Array(d).slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(""));
    versions.set(name, version);
  }
  return version;
}

export async function assetHref(name: AssetName): Promise<string> {
  return `/reports/assets/${name}?v=${await assetVersion(name)}`;
}

const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

export const assets = new Hono<{ Bindings: EvaluationEnv }>();

assets.get("/:name", async (c) => {
  const name = c.req.param("name");
  if (!isAsset(name)) return c.notFound();
  const version = await assetVersion(name);
  const etag = `"${version}"`;
  c.header("ETag", etag);
  c.header(
    "Cache-Control",
    c.req.query("v") === version ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  );
  const seen = c.req
    .header("If-None-Match")
    ?.split(",")
    .map((t) => t.trim().replace(/^W\//, ""));
  if (seen?.includes(etag)) return c.body(null, 304);
  return c.body(ASSETS[name].body, 200, { "Content-Type": ASSETS[name].type });
});
