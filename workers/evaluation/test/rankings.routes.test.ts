import { beforeAll, describe, expect, it } from "vitest";
import { Rankings } from "../../../shared/scoring/rankings.schema";
import { get, ODD, seedReportMonth } from "./reports-fixtures";

beforeAll(seedReportMonth);

describe("GET /api/v1/rankings", () => {
  it("answers the DESIGN.md §5 contract with raw rates in 0…1 and ranks only units at the minimum sample", async () => {
    const res = await get("/api/v1/rankings?period=2026-03");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await res.json()) as Rankings;
    expect(Rankings.parse(body)).toEqual(body);
    expect(body).toMatchObject({ period: "2026-03", minSample: 10 });
    for (const u of body.units) {
      expect(Object.keys(u).sort()).toEqual([
        "kind",
        "name",
        "onTimeRate",
        "rank",
        "resolutionRate",
        "responseRate",
        "sample",
        "satisfactionRate",
        "score",
        "unitId",
      ]);
      for (const r of [u.responseRate, u.onTimeRate, u.resolutionRate, u.satisfactionRate]) {
        if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
      }
    }
    const housing = body.units.find((u) => u.unitId === "pl-housing");
    expect(housing).toMatchObject({
      name: "平凉市住房和城乡建设局",
      kind: "department",
      sample: 40,
      responseRate: 0.9,
      onTimeRate: 0.8571,
      resolutionRate: 0.8,
      satisfactionRate: 0.8333,
    });

    // The one perfect case is listed, unranked, and not on top: a handful of cases proves nothing.
    const perfect = body.units.find((u) => u.unitId === "pl-education");
    expect(perfect).toMatchObject({ sample: 1, responseRate: 1, satisfactionRate: 1, rank: null });
    expect(body.units[0]?.unitId).not.toBe("pl-education");
    expect(body.units.map((u) => u.rank)).toEqual([1, 2, 3, null]);
  });

  it("ranks counties by region code with their names", async () => {
    const body = (await (await get("/api/v1/rankings?period=2026-03&kind=county")).json()) as Rankings;
    expect(body.units.every((u) => u.kind === "county")).toBe(true);
    expect(body.units.find((u) => u.unitId === "620802")).toMatchObject({ name: "崆峒区", sample: 52, rank: 1 });
    expect(body.units.find((u) => u.unitId === "620822")).toMatchObject({ name: "灵台县", rank: null });
  });

  it("answers a month without data with no units, and the latest month when none is asked for", async () => {
    expect(await (await get("/api/v1/rankings?period=2019-01")).json()).toEqual({
      period: "2019-01",
      minSample: 10,
      units: [],
    });
    expect(await (await get("/api/v1/rankings")).json()).toMatchObject({ period: "2026-04" });
  });

  it("refuses a malformed period or kind in the error envelope", async () => {
    for (const query of ["period=2026-13", "period=2026-3", "period=march", "period=2026-03&kind=city"]) {
      const res = await get(`/api/v1/rankings?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(await res.json()).toEqual({
        error: {
          code: "validation_failed",
          message: expect.any(String),
          issues: [{ path: expect.stringMatching(/^(period|kind)$/), message: expect.any(String) }],
        },
      });
    }
  });

  it("is open to every origin without credentials, and answers 304 to a matching ETag", async () => {
    const res = await get("/api/v1/rankings?period=2026-03", { Origin: "https://partner.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const tag = res.headers.get("etag");
    expect(tag).toBeTruthy();

    const again = await get("/api/v1/rankings?period=2026-03", {
      Origin: "https://partner.example",
      "If-None-Match": tag ?? "",
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    expect(await again.text()).toBe("");
    expect((await get("/api/v1/rankings?period=2026-02", { "If-None-Match": tag ?? "" })).status).toBe(200);

    const preflight = await get(
      "/api/v1/rankings",
      { Origin: "https://partner.example", "Access-Control-Request-Method": "GET" },
      "OPTIONS",
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /api/v1/rankings.csv", () => {
  it("is UTF-8 with a BOM, a header row and one properly quoted row per unit", async () => {
    const res = await get("/api/v1/rankings.csv?period=2026-03");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="rankings-2026-03-department.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe(
      "月份,类别,排名,单位编号,单位名称,交办件数,响应率,按期办结率,解决率,满意率,综合得分,样本下限",
    );
    expect(lines).toHaveLength(1 + 4 + 1); // header, four units, the final line end
    expect(
      lines.some((l) => l.startsWith("2026-03,部门,,pl-education,平凉市教育局,1,1,1,1,1,") && l.endsWith(",10")),
    ).toBe(true);
    expect(lines.find((l) => l.includes(ODD.id))).toContain(`,"'=测试</script>,""引号""局",12,`);
  });
});
