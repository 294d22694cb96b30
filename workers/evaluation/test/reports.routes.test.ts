import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import { maskPersonalData } from "../../../shared/routing/mask";
import type { Counters } from "../../../shared/scoring/counters";
import { INDICATORS } from "../../../shared/scoring/indicators";
import { Rankings } from "../../../shared/scoring/rankings.schema";
import { expectEnglishPage } from "../../../test/fixtures/english-pages";
import { ASSETS, assetVersion } from "../src/reports/assets.routes";
import type { ReportChartData } from "../src/reports/report-charts.client";

const BASE = "http://evaluation.test";
const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  exports.default.fetch(`${BASE}${path}`, { method, headers, redirect: "manual" });

// A department whose name tests CSV quoting, formula defusing and the JSON block's escaping at once.
const ODD = { id: "test-odd", name: '=测试</script>,"引号"局' };
// What a citizen typed and left beside the case: none of it may reach the report.
const PII = {
  title: "新民路路灯修好了，联系我13912345678",
  name: "王小明",
  phone: "13987654321",
  email: "wang.xiaoming@example.com",
};

type Cell = [period: string, department: string, region: string, counters: Partial<Counters>];

const CELLS: Cell[] = [
  // March 2026: a big good department, a middling one, a one-case unit with a perfect record, the odd one.
  [
    "2026-03",
    "pl-housing",
    "620802",
    {
      assigned: 40,
      acknowledgedOnTime: 36,
      acknowledgedLate: 4,
      replied: 35,
      repliedOnTime: 30,
      replyOverdue: 5,
      rated: 30,
      solved: 24,
      satisfied: 20,
      basicallySatisfied: 5,
      dissatisfied: 5,
      closed: 30,
      unrated: 3,
    },
  ],
  [
    "2026-03",
    "pl-hrss",
    "620821",
    {
      assigned: 20,
      acknowledgedOnTime: 15,
      replied: 18,
      repliedOnTime: 12,
      replyOverdue: 6,
      rated: 15,
      solved: 8,
      satisfied: 6,
      basicallySatisfied: 3,
      dissatisfied: 6,
      closed: 15,
      noticed: 2,
    },
  ],
  [
    "2026-03",
    "pl-education",
    "620822",
    { assigned: 1, acknowledgedOnTime: 1, replied: 1, repliedOnTime: 1, rated: 1, solved: 1, satisfied: 1, closed: 1 },
  ],
  [
    "2026-03",
    ODD.id,
    "620802",
    {
      assigned: 12,
      acknowledgedOnTime: 10,
      replied: 10,
      repliedOnTime: 9,
      replyOverdue: 1,
      rated: 8,
      solved: 5,
      satisfied: 6,
      dissatisfied: 2,
    },
  ],
  ["2026-03", "", "620800", { received: 75 }],
  [
    "2026-02",
    "pl-housing",
    "620802",
    {
      received: 20,
      assigned: 20,
      acknowledgedOnTime: 20,
      replied: 18,
      repliedOnTime: 18,
      rated: 10,
      solved: 9,
      satisfied: 9,
      dissatisfied: 1,
    },
  ],
  ["2026-04", "pl-housing", "620802", { received: 3, assigned: 3 }],
];

async function insertCells() {
  const insert = env.DB.prepare(
    "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, ?, 'urban_rural', ?, ?)",
  );
  await env.DB.batch(
    CELLS.flatMap(([p, d, r, counters]) =>
      Object.entries(counters).map(([counter, n]) => insert.bind(p, d, r, counter, n)),
    ),
  );
  await rebuildUnitSums(env.DB);
}

async function insertPanel() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO evaluator_groups (id, name, weight) VALUES ('test-npc', '人大代表', 1)"),
    env.DB.prepare("INSERT INTO evaluator_members (user_id, group_id) VALUES ('test-deputy', 'test-npc')"),
    env.DB.prepare(
      "INSERT INTO panel_scores (period, department_id, user_id, leadership, rules, feedback, acceptance, updated_at) VALUES ('2026-03', 'pl-hrss', 'test-deputy', 90, 80, 70, 60, '2026-03-31T00:00:00.000Z')",
    ),
  ]);
}

interface TestCase {
  id: string;
  title: string;
  status: string;
  isPublic: boolean;
  rating: string;
  resolution: string;
  ratedAt: string;
}

async function insertRatedCase(c: TestCase) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, department_id, petitioner_name, petitioner_phone,
         petitioner_email, query_code_hash, receipt_hash, submitted_at, rating, last_seq, updated_at)
       VALUES (?, ?, 'complaint', ?, ?, '正文', '620802', 'api', ?, 'pl-housing', ?, ?, ?, 'qh', 'rh', '2026-03-01T00:00:00.000Z', ?, 8, ?)`,
    ).bind(
      c.id,
      `TRK${c.id}`.toUpperCase().padEnd(12, "X"),
      c.status,
      c.title,
      c.isPublic ? 1 : 0,
      PII.name,
      PII.phone,
      PII.email,
      c.rating,
      c.ratedAt,
    ),
    env.DB.prepare(
      "INSERT INTO case_events (event_id, case_id, seq, type, actor_role, at, payload, prev_hash, hash) VALUES (?, ?, 8, 'case.rated', 'citizen', ?, ?, 'p', 'h')",
    ).bind(`${c.id}-rated`, c.id, c.ratedAt, JSON.stringify({ rating: c.rating, resolution: c.resolution })),
  ]);
}

const CASES: TestCase[] = [
  {
    id: "best1",
    title: PII.title,
    status: "closed",
    isPublic: true,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-10T02:00:00.000Z",
  },
  {
    id: "worst1",
    title: "夜间施工噪音扰民",
    status: "reopened",
    isPublic: true,
    rating: "dissatisfied",
    resolution: "not_solved",
    ratedAt: "2026-03-12T02:00:00.000Z",
  },
  {
    id: "private1",
    title: "不公开的留言标题",
    status: "closed",
    isPublic: false,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-11T02:00:00.000Z",
  },
  {
    id: "merged1",
    title: "已合并的留言标题",
    status: "merged",
    isPublic: true,
    rating: "dissatisfied",
    resolution: "not_solved",
    ratedAt: "2026-03-11T03:00:00.000Z",
  },
  {
    id: "april1",
    title: "四月评价的留言",
    status: "closed",
    isPublic: true,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-31T16:30:00.000Z",
  }, // 1 April in Beijing
];

beforeAll(async () => {
  await env.DB.prepare("INSERT INTO departments (id, name, kind, region_code) VALUES (?, ?, 'municipal', '620800')")
    .bind(ODD.id, ODD.name)
    .run();
  await insertCells();
  await insertPanel();
  for (const c of CASES) await insertRatedCase(c);
  const notice = env.DB.prepare(
    "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES (?, ?, 'TNOTICE', ?, 'reply', 'notice', '2026-03-01T00:00:00.000Z', ?)",
  );
  await env.DB.batch([
    notice.bind("n1", "c-n1", "pl-hrss", "2026-03-15T02:00:00.000Z"),
    notice.bind("n2", "c-n2", "pl-hrss", "2026-03-20T02:00:00.000Z"),
    notice.bind("n3", "c-n3", null, "2026-03-21T02:00:00.000Z"),
    notice.bind("n4", "c-n4", "pl-housing", "2026-02-20T02:00:00.000Z"), // February: not this month's
  ]);
});

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

describe("GET /reports", () => {
  it("sends the reader to the latest month with data", async () => {
    for (const path of ["/reports", "/reports/"]) {
      const res = await get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/reports/2026-04");
    }
  });

  it("answers a malformed month with a page saying so", async () => {
    const res = await get("/reports/2026-3");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("没有这一期报告");
  });
});

describe("GET /reports/{period}", () => {
  async function page() {
    const res = await get("/reports/2026-03");
    expect(res.status).toBe(200);
    return { res, html: await res.text() };
  }

  it("prints the headline, both ranking tables, the group below the minimum sample and every formula", async () => {
    const { res, html } = await page();
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("2026年3月");
    expect(html).toContain("受理留言</dt><dd>75");
    for (const heading of [
      "部门排名",
      "县（市、区）排名",
      "近 12 个月走势",
      "本月好评与差评答复",
      "本月通报",
      "综合得分如何计算",
    ])
      expect(html).toContain(heading);
    for (const indicator of Object.values(INDICATORS)) expect(html).toContain(indicator.formula);
    expect(html).toContain("先验强度 m = 10");
    expect(html).toContain("80% × 客观得分 + 20% × 评议得分");

    const unranked = html.indexOf('id="dept-unranked"');
    expect(unranked).toBeGreaterThan(0);
    expect(html.indexOf("平凉市教育局")).toBeGreaterThan(unranked);
    expect(html.indexOf("平凉市住房和城乡建设局")).toBeLessThan(unranked);
    expect(html).toContain('90.0%<span class="n">n=40</span>');
    expect(html).toContain('<th scope="col" class="num">排名</th>');
    expect(html).toContain("=测试&lt;/script&gt;");
  });

  it("links the neighbouring months and the downloads", async () => {
    const { html } = await page();
    expect(html).toContain('href="/reports/2026-02" rel="prev"');
    expect(html).toContain('href="/reports/2026-04" rel="next"');
    expect(html).toContain('href="/api/v1/rankings.csv?period=2026-03&amp;kind=department"');
    expect(html).toContain('href="/api/v1/rankings?period=2026-03&amp;kind=county"');
  });

  it("lists the month's best and worst public replies with masked titles and no petitioner data", async () => {
    const { html } = await page();
    expect(html).toContain(maskPersonalData(PII.title));
    expect(html).toContain("夜间施工噪音扰民");
    for (const secret of [
      PII.name,
      PII.phone,
      PII.email,
      "13912345678",
      "不公开的留言标题",
      "已合并的留言标题",
      "四月评价的留言",
    ])
      expect(html).not.toContain(secret);
  });

  it("counts the month's 通报 per department", async () => {
    const { html } = await page();
    expect(html).toContain("本月通报 3 件");
    expect(html).toMatch(/平凉市人力资源和社会保障局<\/th><td class="num">2</);
    expect(html).toContain("分办环节");
  });

  it("hands the charts their data in an escaped JSON block and loads only same-origin scripts", async () => {
    const { html } = await page();
    const block = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(block).not.toContain("<");
    const data = JSON.parse(block) as ReportChartData;
    const ranking = (await (await get("/api/v1/rankings?period=2026-03")).json()) as Rankings;
    expect(data.departments).toEqual(
      ranking.units.filter((u) => u.rank !== null).map((u) => ({ name: u.name, score: u.score })),
    );
    expect(data.trend.periods).toHaveLength(12);
    expect(data.trend.periods.at(-1)).toBe("2026-03");
    expect(data.trend.series.map((s) => s.name)).toEqual(["响应率", "按期办结率", "解决率", "满意率"]);
    expect(data.trend.series[0]?.values.slice(-2)).toEqual([100, 84.9]); // acknowledged on time: February 20 of 20, March 62 of 73
    expect(html).toContain(
      `<script src="/reports/assets/echarts.min.js?v=${await assetVersion("echarts.min.js")}" defer="">`,
    );
    expect(html).toMatch(/<script src="\/reports\/assets\/report-charts\.js\?v=[0-9a-f]{16}" defer="">/);
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
  });

  it("speaks English with ?lang=en, the departments by their English names, Chinese only in what citizens wrote", async () => {
    // The odd department has no English name: English pages would fall back to its Chinese one.
    await env.DB.prepare("UPDATE departments SET name_en = 'Odd Bureau' WHERE id = ?").bind(ODD.id).run();
    for (const path of ["/reports/2026-03?lang=en", "/reports/2019-01?lang=en", "/reports/2026-3?lang=en"]) {
      const html = await (await get(path)).text();
      await expectEnglishPage(html, path);
    }
    const html = await (await get("/reports/2026-03?lang=en")).text();
    expect(html).toContain("Monthly evaluation report, March 2026");
    expect(html).toContain("Pingliang Education Bureau");
    expect(html).toContain(INDICATORS.satisfactionRate.formulaEn);
    const block = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}";
    const data = JSON.parse(block) as ReportChartData;
    expect(data.trend.series.map((s) => s.name)).toEqual([
      "Response rate",
      "On-time reply rate",
      "Resolution rate",
      "Satisfaction rate",
    ]);
  });

  it("renders a month without data as a page that says so", async () => {
    const res = await get("/reports/2019-01");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("2019年1月暂无统计数据");
    expect(html).toContain(INDICATORS.satisfactionRate.formula);
  });
});

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
