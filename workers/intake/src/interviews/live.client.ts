import type {
  LiveFrame,
  PublicAnswer,
  PublicInterview,
  PublicQuestion,
} from "../../../../shared/interviews/interview.schema";

/*
 * The interview pages' browser code, served as /assets/interview-live.js (its compiled source, as
 * the widget is): it keeps countdowns ticking, and on a session's page follows the live feed over
 * a WebSocket — falling back to polling GET /api/v1/interviews/{id} where there is none or it
 * keeps failing — rendering frames in the same shape the server renders the list. As for the
 * widget: self-contained after compilation (imports are types only), no named inner functions
 * (wrangler's keepNames would wrap them in a helper that is not there), text by `textContent` only.
 */

interface El {
  id: string;
  hidden: boolean;
  className: string;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  append(...nodes: (El | string)[]): void;
  replaceChildren(...nodes: (El | string)[]): void;
  replaceWith(node: El): void;
}
interface Socket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  send(data: string): void;
}
export interface LiveGlobals {
  document: {
    getElementById(id: string): El | null;
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): ArrayLike<El>;
    createElement(tag: string): El;
  };
  location: { protocol: string; host: string };
  WebSocket?: new (url: string) => Socket;
  fetch(url: string): Promise<{ ok: boolean; json(): Promise<unknown> }>;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(id: number): void;
  setTimeout(fn: () => void, ms: number): number;
}

interface LiveData {
  id: string;
  version: number;
  said: string | null;
  text: {
    netizen: string;
    to: string;
    becameCase: string;
    mergedCount: string;
    status: Record<string, string>;
    paused: string;
    pausedNotice: string;
    endedNotice: string;
  };
  lang: "zh" | "en";
}

export function interviewLiveClient(g: LiveGlobals): void {
  const doc = g.document;
  const tick = {
    countdowns(): void {
      const now = Date.now();
      const all = doc.querySelectorAll("[data-starts-at]");
      for (let i = 0; i < all.length; i++) {
        const el = all[i] as El;
        const template = el.getAttribute(
          Number(el.getAttribute("data-days-left")) > 0 ? "data-template" : "data-template-short",
        );
        const minutes = Math.max(0, Math.floor((Date.parse(el.getAttribute("data-starts-at") ?? "") - now) / 60_000));
        if (!template || Number.isNaN(minutes)) continue;
        const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
        el.setAttribute("data-days-left", String(d));
        el.textContent = template.replace("111", String(d)).replace("222", String(h)).replace("333", String(m));
      }
    },
  };
  tick.countdowns();
  g.setInterval(() => tick.countdowns(), 30_000);

  const dataEl = doc.getElementById("interview-data");
  const list = doc.getElementById("questions");
  if (!dataEl || !list) return;
  const data = JSON.parse(dataEl.textContent ?? "{}") as LiveData;
  let version = data.version;

  const ui = {
    node(tag: string, className: string, text?: string): El {
      const el = doc.createElement(tag);
      if (className) el.className = className;
      if (text !== undefined) el.textContent = text;
      return el;
    },
    said(el: El): El {
      if (data.said) el.setAttribute("lang", data.said);
      return el;
    },
    when(iso: string): El {
      const el = ui.node("time", "", iso.slice(0, 16).replace("T", " "));
      el.setAttribute("datetime", iso);
      return el;
    },
    guest(id: string): string {
      return doc.querySelector(`[data-guest-label="${id}"]`)?.textContent?.trim() ?? id;
    },
    answer(a: PublicAnswer): El {
      const div = ui.node("div", "a");
      div.setAttribute("data-answer", a.id);
      div.append(
        ui.said(ui.node("span", "by", ui.guest(a.guestId))),
        " ",
        ui.when(a.answeredAt),
        ui.said(ui.node("p", "body-text", a.text)),
      );
      return div;
    },
    question(q: PublicQuestion): El {
      const li = ui.node("li", "");
      li.id = `q-${q.id}`;
      li.setAttribute("data-question", q.id);
      const meta = ui.node("p", "meta");
      const to = ui.node("span", "", `${data.text.to} `);
      to.append(ui.said(ui.node("span", "", ui.guest(q.guestId))));
      meta.append(ui.node("span", "", data.text.netizen), to, ui.when(q.askedAt));
      if (q.mergedCount > 0)
        meta.append(ui.node("span", "", data.text.mergedCount.replace("999999", String(q.mergedCount))));
      li.append(ui.said(ui.node("p", "q", q.text)), meta, ...q.answers.map((a) => ui.answer(a)));
      if (q.caseTrackingNo) {
        const link = ui.node("a", "", q.caseTrackingNo.replace(/(.{4})(?=.)/g, "$1-"));
        link.setAttribute("href", `/cases/${q.caseTrackingNo}${data.lang === "en" ? "?lang=en" : ""}`);
        const p = ui.node("p", "hint", `${data.text.becameCase} `);
        p.append(link);
        li.append(p);
      }
      return li;
    },
    putQuestion(q: PublicQuestion): void {
      const fresh = ui.question(q);
      const old = doc.getElementById(`q-${q.id}`);
      if (old) old.replaceWith(fresh);
      else list.append(fresh);
      const empty = doc.getElementById("no-questions");
      if (empty) empty.hidden = true;
    },
    putAnswer(questionId: string, a: PublicAnswer): void {
      const li = doc.getElementById(`q-${questionId}`);
      if (li && !li.querySelector(`[data-answer="${a.id}"]`)) li.append(ui.answer(a));
    },
    status(status: string, paused: boolean): void {
      const badge = doc.querySelector("h1 [data-interview-status]");
      if (badge) {
        badge.className = `status ${status}`;
        badge.textContent = paused && status === "live" ? data.text.paused : (data.text.status[status] ?? status);
      }
      const notice = doc.getElementById("interview-notice");
      const text = status === "ended" ? data.text.endedNotice : paused ? data.text.pausedNotice : "";
      if (notice && (text || status === "live")) {
        notice.textContent = text;
        notice.hidden = text === "";
      }
      const ask = doc.getElementById("ask-section");
      if (ask && status === "ended") ask.hidden = true;
    },
  };

  const live = {
    polling: 0,
    async reload(): Promise<void> {
      const res = await g.fetch(`/api/v1/interviews/${data.id}`);
      if (!res.ok) return;
      const view = (await res.json()) as PublicInterview;
      if (view.version < version) return;
      version = view.version;
      list.replaceChildren(...view.questions.map((q) => ui.question(q)));
      const empty = doc.getElementById("no-questions");
      if (empty) empty.hidden = view.questions.length > 0;
      ui.status(view.status, view.paused);
    },
    poll(): void {
      if (live.polling) return;
      live.polling = g.setInterval(() => void live.reload().catch(() => undefined), 5_000);
    },
    frame(f: LiveFrame): void {
      if (f.type === "status" && f.version <= version) return void ui.status(f.status, f.paused);
      // A frame is one version on; a jump means frames were missed (a reconnect): read the whole session.
      if (f.version > version + 1) return void live.reload().catch(() => undefined);
      if (f.version <= version) return;
      version = f.version;
      if (f.type === "question") ui.putQuestion(f.question);
      else if (f.type === "answer") ui.putAnswer(f.questionId, f.answer);
      else ui.status(f.status, f.paused);
    },
    connect(attempt: number): void {
      const Ws = g.WebSocket;
      if (!Ws) {
        live.poll();
        return;
      }
      const scheme = g.location.protocol === "https:" ? "wss" : "ws";
      const ws = new Ws(`${scheme}://${g.location.host}/api/v1/interviews/${data.id}/live`);
      let keepAlive = 0;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        keepAlive = g.setInterval(() => ws.send("ping"), 30_000);
      };
      ws.onmessage = (event) => {
        if (typeof event.data !== "string" || event.data === "pong") return;
        live.frame(JSON.parse(event.data) as LiveFrame);
      };
      ws.onclose = () => {
        g.clearInterval(keepAlive);
        const next = opened ? 0 : attempt + 1;
        // Three failures in a row (a proxy without WebSockets): poll instead.
        if (next >= 3) live.poll();
        else g.setTimeout(() => live.connect(next), 1_000 * 2 ** next + Math.random() * 1_000);
      };
    },
  };
  live.connect(0);
}
