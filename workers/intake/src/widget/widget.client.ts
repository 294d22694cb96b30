import type { RankingsLike, ViewLike, WzElement, WzGlobals, WzScript, WzShadowRoot } from "./widget-client-types";
import type { WidgetText } from "./widget-text";
import type { widgetViews } from "./widget-views.client";

/*
 * The script widget's browser code. `widgetClient.toString()` is served as /widget.js, called with
 * the page's globals and `widgetViews` (what it draws, served the same way), so each function must
 * be self-contained after esbuild has compiled the Worker: no imports (types only),
 * no outside helpers, and — because wrangler bundles with `keepNames`, which wraps every named
 * function binding in a `__name(…)` helper call — no `function f` declarations and no
 * `const f = () => …` inside it. Helpers are object-literal methods; callbacks stay anonymous.
 * Data reaches the page through `textContent` only.
 */

/** What the server passes in: the stylesheet and both language tables. */
export interface WidgetClientConfig {
  css: string;
  text: { zh: WidgetText; en: WidgetText };
}

export function widgetClient(config: WidgetClientConfig, page: WzGlobals, views: typeof widgetViews): void {
  const doc = page.document;
  const own = doc.currentScript;
  const MOUNTED = "data-wenzheng-mounted";
  const draw = views(doc);
  let sheet: unknown = null;

  const ui = {
    ...draw,
    style(root: WzShadowRoot, base: string): void {
      // A constructed sheet passes a partner's strict style-src; older browsers link the same CSS.
      if (page.CSSStyleSheet && Array.isArray(root.adoptedStyleSheets)) {
        if (!sheet) {
          const s = new page.CSSStyleSheet();
          s.replaceSync(config.css);
          sheet = s;
        }
        root.adoptedStyleSheets = [sheet];
        return;
      }
      const link = ui.el("link");
      link.setAttribute("rel", "stylesheet");
      link.setAttribute("href", `${base}/widget/widget.css`);
      root.append(link);
    },
    /** The script's settings and a shadow-rooted box after it, or null when its origin is unreadable. */
    shell(
      script: WzScript,
      hostClass: string,
      label: "title" | "sbTitle",
      loading: "loading" | "sbLoading",
    ): { base: string; lang: "zh" | "en"; t: WidgetText; host: WzElement; box: WzElement } | null {
      let base = "";
      try {
        base = new URL(script.src || own?.src || "").origin;
      } catch {
        return null;
      }
      const lang: "zh" | "en" = script.getAttribute("data-lang") === "en" ? "en" : "zh";
      const themeAttr = script.getAttribute("data-theme");
      const theme = themeAttr === "dark" || themeAttr === "light" ? themeAttr : "auto";
      const t = config.text[lang];
      const host = ui.el("div", hostClass);
      script.after(host);
      const root = host.attachShadow({ mode: "open" });
      ui.style(root, base);
      const box = ui.el("section", "wz", t[loading]);
      box.setAttribute("data-theme", theme);
      box.setAttribute("lang", lang === "en" ? "en" : "zh-CN");
      box.setAttribute("aria-label", t[label]);
      box.setAttribute("aria-live", "polite");
      root.append(box);
      return { base, lang, t, host, box };
    },
    /** YYYY-MM of the Beijing month `back` months before the current one. */
    month(back: number): string {
      const d = new Date(Date.now() + 8 * 3600_000);
      const i = d.getUTCFullYear() * 12 + d.getUTCMonth() - back;
      return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    },
    /** data-scoreboard: one unit's month from the public rankings, the current Beijing month or else the previous one. */
    board(script: WzScript): void {
      const kind = script.getAttribute("data-scoreboard") === "county" ? "county" : "department";
      const unitId = (script.getAttribute("data-unit") || "").trim();
      if (!unitId || script.hasAttribute(MOUNTED)) return;
      script.setAttribute(MOUNTED, "");
      const shell = ui.shell(script, "wenzheng-scoreboard", "sbTitle", "sbLoading");
      if (!shell) return;
      const { base, t, host, box } = shell;
      host.setAttribute("data-unit", unitId);
      const asked = script.getAttribute("data-period") || "";
      const periods = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? [asked] : [ui.month(0), ui.month(1)];
      const loader = {
        async run(): Promise<void> {
          try {
            for (const period of periods) {
              const res = await fetch(`${base}/api/v1/rankings?period=${period}&kind=${kind}`, {
                cache: "no-cache",
                credentials: "omit",
              } as RequestInit);
              if (!res.ok) throw new Error(`HTTP ${res.status}`);
              const data = (await res.json()) as RankingsLike;
              const units = Array.isArray(data.units) ? data.units : [];
              const unit = units.find((u) => u && u.unitId === unitId);
              if (unit)
                return ui.scoreboard(
                  box,
                  t,
                  base,
                  period,
                  unit,
                  units.filter((u) => u && typeof u.rank === "number").length,
                  data.minSample,
                );
            }
            box.replaceChildren(ui.el("p", "msg", t.sbNoData, "message"));
          } catch {
            box.replaceChildren(ui.el("p", "msg", t.sbFailed, "message"));
          }
        },
      };
      void loader.run();
    },
    mount(script: WzScript): void {
      const trackingNo = (script.getAttribute("data-tracking-no") || script.getAttribute("data-wenzheng-case") || "")
        .trim()
        .toUpperCase()
        .replace(/[\s-]/g, "");
      if (!trackingNo || script.hasAttribute(MOUNTED)) return;
      script.setAttribute(MOUNTED, "");
      const shell = ui.shell(script, "wenzheng-widget", "title", "loading");
      if (!shell) return;
      const { base, lang, t, host, box } = shell;
      host.setAttribute("data-tracking-no", trackingNo);
      const first = Number(script.getAttribute("data-poll-seconds")) || 30;
      const firstMs = Math.max(1, first) * 1000;
      const maxMs = Math.max(firstMs, (Number(script.getAttribute("data-poll-max-seconds")) || 600) * 1000);

      const api = `${base}/api/v1/widget/cases/${encodeURIComponent(trackingNo)}`;
      const poll = {
        delay: firstMs,
        seen: "",
        paused: false,
        timer: undefined as ReturnType<typeof setTimeout> | undefined,
      };
      const poller = {
        async tick(): Promise<void> {
          if (doc.hidden) {
            poll.paused = true; // picked up again by visibilitychange
            return;
          }
          let changed = false;
          try {
            // no-cache: the browser revalidates with the ETag it holds; an unchanged case costs a 304.
            const res = await fetch(api, { cache: "no-cache", credentials: "omit" } as RequestInit);
            if (res.status === 404) {
              changed = poll.seen !== "404";
              if (changed) box.replaceChildren(ui.el("p", "msg", t.notFound, "message"));
              poll.seen = "404";
            } else if (res.ok) {
              const body = await res.text();
              const key = res.headers.get("ETag") || body;
              if (key !== poll.seen) {
                ui.render(box, t, lang, base, trackingNo, JSON.parse(body) as ViewLike);
                poll.seen = key;
                changed = true;
              }
            } else if (res.status !== 304) {
              throw new Error(`HTTP ${res.status}`);
            }
          } catch {
            if (!poll.seen) box.replaceChildren(ui.el("p", "msg", t.failed, "message"));
          }
          // Back off while nothing changes; start again from the first interval when it does.
          poll.delay = changed ? firstMs : Math.min(poll.delay * 2, maxMs);
          poller.schedule();
        },
        schedule(): void {
          clearTimeout(poll.timer);
          poll.timer = setTimeout(() => void poller.tick(), poll.delay);
        },
      };
      doc.addEventListener("visibilitychange", () => {
        if (!doc.hidden && poll.paused) {
          poll.paused = false;
          void poller.tick();
        }
      });
      void poller.tick();
    },
  };

  const scripts = doc.querySelectorAll("script[data-tracking-no],script[data-wenzheng-case],script[data-scoreboard]");
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i];
    if (script?.hasAttribute("data-scoreboard")) ui.board(script);
    else if (script) ui.mount(script);
  }
}
