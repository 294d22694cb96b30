import type {
  RankingsLike,
  UnitLike,
  ViewLike,
  WzAnchor,
  WzElement,
  WzGlobals,
  WzScript,
  WzShadowRoot,
} from "./widget-client-types";
import type { WidgetText } from "./widget-text";

/*
 * The script widget's browser code. `widgetClient.toString()` is served as /widget.js, so the
 * function must be self-contained after esbuild has compiled the Worker: no imports (types only),
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

export function widgetClient(config: WidgetClientConfig): void {
  const g = globalThis as unknown as WzGlobals;
  const doc = g.document;
  const own = doc.currentScript;
  const MOUNTED = "data-wenzheng-mounted";
  let sheet: unknown = null;

  const ui = {
    str(value: unknown): string {
      return typeof value === "string" ? value : "";
    },
    el(tag: string, className?: string, text?: string, part?: string): WzElement {
      const e = doc.createElement(tag);
      if (className) e.setAttribute("class", className);
      if (part) e.setAttribute("part", part);
      if (text !== undefined) e.textContent = text;
      return e;
    },
    /** "2026-11-26T09:30:00+08:00" → "2026-11-26 09:30": the platform always answers in Beijing time. */
    when(iso: unknown): string {
      const s = ui.str(iso);
      return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s) ? s.slice(0, 16).replace("T", " ") : s;
    },
    grouped(trackingNo: string): string {
      return trackingNo.replace(/(.{4})(?=.)/g, "$1-");
    },
    row(list: WzElement, label: string, ...value: (WzElement | string)[]): WzElement {
      const dd = ui.el("dd");
      dd.append(...value);
      list.append(ui.el("dt", "", label), dd);
      return dd;
    },
    style(root: WzShadowRoot, base: string): void {
      // A constructed sheet passes a partner's strict style-src; older browsers link the same CSS.
      if (g.CSSStyleSheet && Array.isArray(root.adoptedStyleSheets)) {
        if (!sheet) {
          const s = new g.CSSStyleSheet();
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
    render(box: WzElement, t: WidgetText, lang: "zh" | "en", base: string, trackingNo: string, view: ViewLike): void {
      const head = ui.el("p", "head");
      head.append(ui.el("span", "brand", t.brand), ui.el("span", "no", `${t.trackingNo} ${ui.grouped(trackingNo)}`));
      const facts = ui.el("dl");
      const status = view.status ?? {};
      const code = ui.str(status.code);
      ui.row(
        facts,
        t.status,
        ui.el("span", `badge${/^[a-z_]+$/.test(code) ? ` s-${code}` : ""}`, ui.str(status[lang]) || code, "status"),
      );
      ui.row(facts, t.department, ui.el("span", "", ui.str(view.department?.name) || t.noDepartment, "department"));
      const dueStatus = ui.str(view.dueStatus);
      const dueText = view.dueAt ? ui.when(view.dueAt) + t.timeZone : t.noDueAt;
      const due = ui.row(facts, t.dueAt, ui.el("span", "", dueText, "due-at"));
      if (dueStatus === "on_time" || dueStatus === "due_soon" || dueStatus === "overdue") {
        due.append(ui.el("span", `due ${dueStatus}`, t.due[dueStatus], "due-status"));
      }
      const parts: WzElement[] = [head, facts];
      const reply = view.reply;
      if (reply) {
        const section = ui.el("section", "reply", undefined, "reply");
        const person = reply.spokesperson ?? {};
        const title = ui.str(person.title);
        const by =
          t.spokesperson +
          " " +
          ui.str(person.name) +
          (title ? t.open + title + t.close : "") +
          " · " +
          ui.when(reply.publishedAt);
        section.append(
          ui.el("h3", "", t.reply),
          ui.el("p", "", ui.str(reply.text), "reply-text"),
          ui.el("p", "by", by, "spokesperson"),
        );
        parts.push(section);
      }
      if (view.rating) parts.push(ui.el("p", "rating", t.rating + t.colon + ui.str(view.rating[lang]), "rating"));
      const foot = ui.el("p", "foot");
      const link = ui.el("a", "", t.details) as WzAnchor;
      link.href = `${base}/cases/${encodeURIComponent(trackingNo)}`;
      link.target = "_blank";
      link.rel = "noopener";
      foot.append(link);
      parts.push(foot);
      box.replaceChildren(...parts);
      box.setAttribute("data-status", code);
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
    /** 0.925 → "92.5%"; null (no case in the denominator) → "—". */
    pct(x: unknown): string {
      return typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "—";
    },
    /** YYYY-MM of the Beijing month `back` months before the current one. */
    month(back: number): string {
      const d = new Date(Date.now() + 8 * 3600_000);
      const i = d.getUTCFullYear() * 12 + d.getUTCMonth() - back;
      return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    },
    scoreboard(
      box: WzElement,
      t: WidgetText,
      base: string,
      period: string,
      unit: UnitLike,
      ranked: number,
      minSample: unknown,
    ): void {
      const [y, m] = period.split("-");
      const head = ui.el("p", "head");
      head.append(
        ui.el("span", "brand", `${t.brand} · ${t.sbTitle}`),
        ui.el(
          "span",
          "no",
          t.month
            .replace("{y}", y || "")
            .replace("{mm}", m || "")
            .replace("{m}", String(Number(m))),
          "period",
        ),
      );
      const rates = ui.el("dl", "sb");
      for (const [key, part] of [
        ["responseRate", "response-rate"],
        ["onTimeRate", "on-time-rate"],
        ["resolutionRate", "resolution-rate"],
        ["satisfactionRate", "satisfaction-rate"],
      ] as const) {
        const cell = ui.el("div");
        cell.append(ui.el("dt", "", t[key]), ui.el("dd", "", ui.pct(unit[key]), part));
        rates.append(cell);
      }
      const facts = ui.el("dl");
      const sample = typeof unit.sample === "number" ? unit.sample : 0;
      ui.row(facts, t.sample, ui.el("span", "", sample + t.sampleUnit, "sample"));
      ui.row(
        facts,
        t.score,
        ui.el("span", "score", typeof unit.score === "number" ? unit.score.toFixed(1) : "—", "score"),
      );
      const rank =
        typeof unit.rank === "number"
          ? t.rankOf.replace("{rank}", String(unit.rank)).replace("{ranked}", String(ranked))
          : typeof minSample === "number" && sample < minSample
            ? t.unranked
            : t.noRank;
      ui.row(facts, t.rank, ui.el("span", typeof unit.rank === "number" ? "rank" : "rank none", rank, "rank"));
      const foot = ui.el("p", "foot");
      const link = ui.el("a", "", t.report) as WzAnchor;
      link.href = `${base}/reports/${period}`;
      link.target = "_blank";
      link.rel = "noopener";
      foot.append(link);
      box.replaceChildren(head, ui.el("h3", "unit", ui.str(unit.name), "unit"), rates, facts, foot);
      box.setAttribute("data-period", period);
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
