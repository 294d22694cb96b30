import type { UnitLike, ViewLike, WzDocument, WzElement } from "./widget-client-types";
import type { WidgetText } from "./widget-text";

/*
 * What the script widget draws: a case's status card and a unit's scoreboard, built node by node.
 * Served inside /widget.js beside widget.client.ts and under the same rules (see there): no imports
 * but types, no named inner functions; data reaches the page through `textContent` only.
 */

export function widgetViews(doc: WzDocument) {
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
    /** A link that opens the platform's page in a new tab. */
    link(text: string, href: string): WzElement {
      const a = doc.createElement("a");
      a.textContent = text;
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener";
      return a;
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
      if (typeof view.supporters === "number" && view.supporters > 0)
        parts.push(ui.el("p", "supporters", t.supporters + t.colon + String(view.supporters), "supporters"));
      const foot = ui.el("p", "foot");
      foot.append(ui.link(t.details, `${base}/cases/${encodeURIComponent(trackingNo)}`));
      parts.push(foot);
      box.replaceChildren(...parts);
      box.setAttribute("data-status", code);
    },
    /** 0.925 → "92.5%"; null (no case in the denominator) → "—". */
    pct(x: unknown): string {
      return typeof x === "number" ? `${(x * 100).toFixed(1)}%` : "—";
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
      foot.append(ui.link(t.report, `${base}/reports/${period}`));
      box.replaceChildren(head, ui.el("h3", "unit", ui.str(unit.name), "unit"), rates, facts, foot);
      box.setAttribute("data-period", period);
    },
  };
  return ui;
}
