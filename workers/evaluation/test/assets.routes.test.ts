import { describe, expect, it } from "vitest";
import { ASSETS, assetVersion } from "../src/reports/assets.routes";
import { get } from "./reports-fixtures";

describe("report assets", () => {
  it("serves ECharts, the chart script and the stylesheet with their types, an ETag and a long cache when versioned", async () => {
    for (const [name, type] of [
      ["echarts.min.js", "text/javascript"],
      ["report-charts.js", "text/javascript"],
      ["report.css", "text/css"],
    ] as const) {
      const version = await assetVersion(name);
      const res = await get(`/reports/assets/${name}?v=${version}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("etag")).toBe(`"${version}"`);
      expect(await res.text()).toBe(ASSETS[name].body);
      expect((await get(`/reports/assets/${name}`, { "If-None-Match": `"${version}"` })).status).toBe(304);
    }
    expect(ASSETS["echarts.min.js"].body.length).toBeGreaterThan(500_000);
    expect(ASSETS["echarts.min.js"].body).toContain("echarts");
    expect(ASSETS["report-charts.js"].body).toContain('getElementById("report-data")');
    expect((await get("/reports/assets/echarts.min.js")).headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await get("/reports/assets/nothing.js")).status).toBe(404);
  });
});
