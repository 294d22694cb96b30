import { env, exports } from "cloudflare:workers";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { periodOf, previousPeriod } from "../../../shared/clocks/period";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import type { Counters } from "../../../shared/scoring/counters";
import { expectSafeHtml } from "../../../test/fixtures/html-safety";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { widgetClient } from "../src/widget/widget.client";
import type { WzElement, WzScript } from "../src/widget/widget-client-types";
import { WIDGET_CSS } from "../src/widget/widget-css";
import { forgetFrameOrigins } from "../src/widget/widget-origins";
import { WIDGET_TEXT } from "../src/widget/widget-text";
import { widgetViews } from "../src/widget/widget-views.client";

const BASE = "http://intake.test";
const get = (path: string) => exports.default.fetch(`${BASE}${path}`);

// The months the default period looks at: the current Beijing month, then the one before.
const CURRENT = periodOf(new Date().toISOString());
const PREVIOUS = previousPeriod(CURRENT);
const PAST = "2025-07"; // an explicit ?period= / data-period month

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

describe("widget.js in scoreboard mode (data-scoreboard)", () => {
  it("is part of the same script, still under 10 KB gzipped", async () => {
    const script = await (await get("/widget.js")).text();
    expect(script).toContain("data-scoreboard");
    expect(script).toContain("/api/v1/rankings?period=");
    expect(script).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|\b__[A-Za-z]\w*\b/,
    );
    const gzipped = await new Response(
      new Blob([script]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThan(10 * 1024);
  });

  afterEach(() => vi.unstubAllGlobals());

  /** Runs the client against a tiny stand-in DOM and a rankings API that answers `months`. */
  async function mount(attrs: Record<string, string>, months: Record<string, unknown>) {
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      const u = new URL(url);
      asked.push(`${u.pathname}?${u.searchParams}`);
      const body = months[u.searchParams.get("period") ?? ""] ?? {
        period: u.searchParams.get("period"),
        minSample: 10,
        units: [],
      };
      if (body === 503) return new Response("unavailable", { status: 503 });
      return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    });
    const doc = new FakeDocument();
    const script = doc.createElement("script");
    script.src = "https://wz.example.cn/widget.js";
    for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
    doc.scripts.push(script);
    vi.stubGlobal("document", doc);
    widgetClient({ css: WIDGET_CSS, text: WIDGET_TEXT }, { document: doc }, widgetViews);
    const host = doc.mounted[0];
    // The shadow root holds the stylesheet's <link> (no constructable sheets here), then the box.
    const box = host?.shadow?.find((e) => e.tag === "section") as FakeElement;
    await vi.waitFor(() =>
      expect(box.textContent).not.toBe(WIDGET_TEXT[attrs["data-lang"] === "en" ? "en" : "zh"].sbLoading),
    );
    return { host, box, asked, find: (p: string) => box.find((e) => e.getAttribute("part") === p)?.textContent };
  }

  const unit = (unitId: string, over: Record<string, unknown> = {}) => ({
    unitId,
    name: "平凉市住房和城乡建设局",
    kind: "department",
    sample: 40,
    responseRate: 0.9,
    onTimeRate: 0.8571,
    resolutionRate: 0.8,
    satisfactionRate: 0.8333,
    score: 84.2,
    rank: 1,
    ...over,
  });

  it("shows the unit's month from the rankings JSON, falling back to the previous month", async () => {
    const w = await mount(
      { "data-scoreboard": "department", "data-unit": "pl-housing" },
      {
        [PREVIOUS]: {
          period: PREVIOUS,
          minSample: 10,
          units: [unit("pl-housing"), unit("pl-hrss", { rank: 2, name: "人社局" }), unit("x", { rank: null })],
        },
      },
    );
    expect(w.asked).toEqual([
      `/api/v1/rankings?period=${CURRENT}&kind=department`,
      `/api/v1/rankings?period=${PREVIOUS}&kind=department`,
    ]);
    expect(w.host?.getAttribute("class")).toBe("wenzheng-scoreboard");
    expect(w.box.getAttribute("data-period")).toBe(PREVIOUS);
    expect(w.find("unit")).toBe("平凉市住房和城乡建设局");
    expect([
      w.find("response-rate"),
      w.find("on-time-rate"),
      w.find("resolution-rate"),
      w.find("satisfaction-rate"),
    ]).toEqual(["90.0%", "85.7%", "80.0%", "83.3%"]);
    expect(w.find("sample")).toBe("40 件（交办）");
    expect(w.find("score")).toBe("84.2");
    expect(w.find("rank")).toBe("第 1 名 / 共 2 个参评单位");
    expect((w.box.find((e) => e.tag === "a") as FakeElement & { href: string }).href).toBe(
      `https://wz.example.cn/reports/${PREVIOUS}`,
    );
  });

  it("takes data-period and data-kind=county, says 样本不足 below the minimum, and speaks English", async () => {
    const w = await mount(
      { "data-scoreboard": "county", "data-unit": "620821", "data-period": PAST, "data-lang": "en" },
      {
        [PAST]: {
          period: PAST,
          minSample: 10,
          units: [unit("620821", { name: "Jingchuan", sample: 4, rank: null, score: 71, resolutionRate: null })],
        },
      },
    );
    expect(w.asked).toEqual([`/api/v1/rankings?period=${PAST}&kind=county`]);
    expect(w.find("rank")).toBe("Too few cases to be ranked");
    expect(w.find("resolution-rate")).toBe("—");
    expect(w.find("period")).toBe("2025-07");
  });

  it("says so when neither month has the unit, or the API fails", async () => {
    const none = await mount({ "data-scoreboard": "department", "data-unit": "pl-nowhere" }, {});
    expect(none.find("message")).toBe(WIDGET_TEXT.zh.sbNoData);
    vi.unstubAllGlobals();
    const odd = await mount(
      { "data-scoreboard": "department", "data-unit": "pl-housing" },
      { [CURRENT]: "not a ranking" },
    );
    expect(odd.find("message")).toBe(WIDGET_TEXT.zh.sbNoData); // a body without units is no data
    vi.unstubAllGlobals();
    const failed = await mount({ "data-scoreboard": "department", "data-unit": "pl-housing" }, { [CURRENT]: 503 });
    expect(failed.find("message")).toBe(WIDGET_TEXT.zh.sbFailed);
  });

  it("renders a hostile unit name as text", async () => {
    const payload = XSS_PAYLOADS[9] ?? "";
    const w = await mount(
      { "data-scoreboard": "department", "data-unit": "u", "data-period": PAST },
      { [PAST]: { period: PAST, minSample: 10, units: [unit("u", { name: payload })] } },
    );
    expect(w.find("unit")).toBe(payload);
    expect(w.box.find((e) => e.tag === "img")).toBeUndefined();
  });
});

/** Just enough DOM for widget.client.ts: elements hold text and children, nothing parses markup. */
class FakeElement implements WzScript {
  children: (FakeElement | string)[] = [];
  shadow: FakeElement | null = null;
  adoptedStyleSheets?: unknown[];
  src = "";
  href = "";
  target = "";
  rel = "";
  private attrs = new Map<string, string>();
  constructor(
    readonly tag: string,
    private readonly doc: FakeDocument,
  ) {}
  get textContent(): string {
    return this.children.map((c) => (typeof c === "string" ? c : c.textContent)).join("");
  }
  set textContent(value: string | null) {
    this.children = value === null ? [] : [String(value)];
  }
  setAttribute(name: string, value: string) {
    this.attrs.set(name, String(value));
  }
  getAttribute(name: string) {
    return this.attrs.get(name) ?? null;
  }
  hasAttribute(name: string) {
    return this.attrs.has(name);
  }
  // Typed as the client's DOM; every node the client makes is one of these.
  append(...nodes: (WzElement | string)[]) {
    this.children.push(...nodes.filter(isFake));
  }
  replaceChildren(...nodes: (WzElement | string)[]) {
    this.children = nodes.filter(isFake);
  }
  after(...nodes: WzElement[]) {
    this.doc.mounted.push(...nodes.filter((n) => n instanceof FakeElement));
  }
  attachShadow() {
    this.shadow = new FakeElement("#shadow-root", this.doc);
    return this.shadow;
  }
  find(test: (e: FakeElement) => boolean): FakeElement | undefined {
    for (const c of this.children) {
      if (typeof c === "string") continue;
      if (test(c)) return c;
      const deeper = c.find(test);
      if (deeper) return deeper;
    }
    return undefined;
  }
}

const isFake = (n: WzElement | string): n is FakeElement | string => typeof n === "string" || n instanceof FakeElement;

class FakeDocument {
  scripts: FakeElement[] = [];
  mounted: FakeElement[] = [];
  currentScript = null;
  hidden = false;
  createElement(tag: string) {
    return new FakeElement(tag, this);
  }
  querySelectorAll(selector: string) {
    expect(selector).toContain("script[data-scoreboard]");
    return this.scripts;
  }
  addEventListener() {}
}
