import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import type { Counters } from "../../../shared/scoring/counters";
import { expectSafeHtml } from "../../../test/fixtures/html-safety";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { forgetFrameOrigins } from "../src/widget/widget-origins";
import { WIDGET_TEXT } from "../src/widget/widget-text";
import { CURRENT, get, PAST, PREVIOUS } from "./widget-fixtures";

type Cell = [period: string, department: string, region: string, counters: Partial<Counters>];
const good: Partial<Counters> = {
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
};
const fair: Partial<Counters> = {
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
};
const CELLS: Cell[] = [
  [PAST, "pl-housing", "620802", good],
  [PAST, "pl-hrss", "620821", fair],
  [PAST, "pl-education", "620822", { assigned: 2, acknowledgedOnTime: 2, replied: 1, repliedOnTime: 1 }], // below the minimum sample
  [CURRENT, "pl-transport", "620823", good],
  [PREVIOUS, "pl-transport", "620823", fair],
  [PREVIOUS, "pl-market", "620825", fair], // nothing yet this month: the previous month shows
];

async function writeCells(cells: Cell[]) {
  const insert = env.DB.prepare(
    "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, ?, 'urban_rural', ?, ?) ON CONFLICT DO UPDATE SET n = excluded.n",
  );
  await env.DB.batch(
    cells.flatMap(([p, d, r, counters]) =>
      Object.entries(counters).map(([counter, n]) => insert.bind(p, d, r, counter, n)),
    ),
  );
  await rebuildUnitSums(env.DB);
}

beforeAll(() => writeCells(CELLS));

/** The text of the element marked `part="<part>"` in a server-rendered page. */
function part(html: string, name: string): string | undefined {
  return new RegExp(`part="${name}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

describe("GET /widget/scoreboard/{kind}/{unitId} (the iframe scoreboard)", () => {
  it("shows a ranked department's month: the four rates, sample, score and rank", async () => {
    const res = await get(`/widget/scoreboard/department/pl-housing?period=${PAST}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(part(html, "unit")).toBe("平凉市住房和城乡建设局");
    expect(part(html, "period")).toBe("2025年7月");
    expect(part(html, "response-rate")).toBe("90.0%"); // 36 of 40 acknowledged on time
    expect(part(html, "on-time-rate")).toBe("85.7%"); // 30 of 35
    expect(part(html, "resolution-rate")).toBe("80.0%"); // 24 of 30 rated
    expect(part(html, "satisfaction-rate")).toBe("83.3%"); // (20 + 5) of 30
    expect(part(html, "sample")).toBe("40 件（交办）");
    expect(part(html, "score")).toMatch(/^\d{1,3}\.\d$/);
    expect(part(html, "rank")).toBe("第 1 名 / 共 2 个参评单位");
    expect(html).toContain(`href="/reports/${PAST}"`);
    expect(html).not.toContain("<script"); // server-rendered: works where scripts do not
  });

  it("says a unit below the minimum sample takes no rank, and answers in English and dark on request", async () => {
    const zh = await (await get(`/widget/scoreboard/department/pl-education?period=${PAST}`)).text();
    expect(part(zh, "rank")).toBe("样本不足，不参与排名");
    expect(part(zh, "sample")).toBe("2 件（交办）");
    expect(part(zh, "resolution-rate")).toBe("—"); // nobody rated: no rate rather than 0 %
    const en = await (await get(`/widget/scoreboard/department/pl-hrss?period=${PAST}&lang=en&theme=dark`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('data-theme="dark"');
    expect(part(en, "rank")).toBe("No. 2 of 2 ranked units");
    expect(part(en, "period")).toBe("2025-07");
  });

  it("defaults to the current Beijing month, falls back to the previous one, and says when there is nothing", async () => {
    const current = await (await get("/widget/scoreboard/department/pl-transport")).text();
    expect(current).toContain(`data-period="${CURRENT}"`);
    expect(part(current, "sample")).toBe("40 件（交办）");
    const fallback = await (await get("/widget/scoreboard/department/pl-market")).text();
    expect(fallback).toContain(`data-period="${PREVIOUS}"`);
    expect(part(fallback, "sample")).toBe("20 件（交办）");
    const nothing = await get("/widget/scoreboard/department/pl-commerce");
    expect(nothing.status).toBe(200);
    expect(part(await nothing.text(), "message")).toBe(WIDGET_TEXT.zh.sbNoData);
    // An explicit (or malformed) period: that month only, or the default.
    expect(await (await get(`/widget/scoreboard/department/pl-transport?period=${PAST}`)).text()).toContain(
      WIDGET_TEXT.zh.sbNoData,
    );
    expect(await (await get("/widget/scoreboard/department/pl-transport?period=2026-13")).text()).toContain(
      `data-period="${CURRENT}"`,
    );
  });

  it("ranks counties by region code", async () => {
    const html = await (await get(`/widget/scoreboard/county/620821?period=${PAST}`)).text();
    expect(part(html, "unit")).toBe("泾川县");
    expect(part(html, "sample")).toBe("20 件（交办）");
  });

  it("answers an unknown unit or kind with a 404 page that names nothing", async () => {
    for (const path of [
      "/widget/scoreboard/department/no-such-unit",
      "/widget/scoreboard/city/pl-housing",
      "/widget/scoreboard/county/pl-housing",
      "/widget/scoreboard/department/%3Cscript%3E",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).toContain(WIDGET_TEXT.zh.sbNotFound);
      await expectSafeHtml(html, path);
    }
  });

  it("is framed only by the origins in widget_origins, like the case widget", async () => {
    const origin = "https://scoreboard.example.cn";
    await env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES (?, '评议挂件测试', '2026-01-01')",
    )
      .bind(origin)
      .run();
    forgetFrameOrigins();
    try {
      const res = await get(`/widget/scoreboard/department/pl-housing?period=${PAST}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(/frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(" ")).toContain(origin);
      expect(res.headers.get("x-frame-options")).toBeNull();
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(res.headers.get("etag")).toMatch(/^"[^"]+"$/);
      expect(res.headers.get("cache-control")).toBe("public, max-age=15, stale-while-revalidate=60");
    } finally {
      await env.DB.prepare("DELETE FROM widget_origins WHERE origin = ?").bind(origin).run();
      forgetFrameOrigins();
    }
  });

  describe("renders a unit's name inert", () => {
    const ids = XSS_PAYLOADS.map((_, i) => `sb-xss-${i}`);
    beforeAll(async () => {
      await env.DB.batch(
        XSS_PAYLOADS.map((p, i) =>
          env.DB.prepare("INSERT INTO departments (id, name, kind) VALUES (?, ?, 'municipal')").bind(ids[i], p),
        ),
      );
      await writeCells(ids.map((id) => ["2025-06", id, "620802", { assigned: 3, acknowledgedOnTime: 3 }]));
    });
    afterAll(async () => {
      await env.DB.batch([
        env.DB.prepare(`DELETE FROM departments WHERE id LIKE 'sb-xss-%'`),
        env.DB.prepare(`DELETE FROM rollup_counts WHERE department_id LIKE 'sb-xss-%'`),
        env.DB.prepare(`DELETE FROM rollup_units WHERE unit_id LIKE 'sb-xss-%'`),
      ]);
    });

    it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))("payload %i", async (i, payload) => {
      const html = await (await get(`/widget/scoreboard/department/sb-xss-${i}?period=2025-06`)).text();
      const text = await expectSafeHtml(html, `scoreboard of ${payload}`);
      expect(text).toContain(payload);
    });
  });
});
