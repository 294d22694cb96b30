import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the monthly report and the rankings API", () => {
  it("are forwarded to the evaluation Worker as they came", async () => {
    for (const path of [
      "/reports",
      "/reports/2026-03",
      "/reports/assets/echarts.min.js",
      "/api/v1/rankings?period=2026-03",
      "/api/v1/rankings.csv",
    ]) {
      const res = await exports.default.fetch(`http://intake.test${path}`);
      expect(res.headers.get("x-reports-stub")).toBe("1");
      expect(await res.text()).toBe(`reports reached: ${path.split("?")[0]}`);
    }
  });

  it("are listed in intake's OpenAPI document", async () => {
    const doc = (await (await exports.default.fetch("http://intake.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/rankings", "/api/v1/rankings.csv"]));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Rankings", "RankingsUnit"]));
  });
});
