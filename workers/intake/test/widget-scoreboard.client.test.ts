import { afterEach, describe, expect, it, vi } from "vitest";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { widgetClient } from "../src/widget/widget.client";
import type { WzElement, WzScript } from "../src/widget/widget-client-types";
import { WIDGET_CSS } from "../src/widget/widget-css";
import { WIDGET_TEXT } from "../src/widget/widget-text";
import { widgetViews } from "../src/widget/widget-views.client";
import { CURRENT, get, PAST, PREVIOUS } from "./widget-fixtures";

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
