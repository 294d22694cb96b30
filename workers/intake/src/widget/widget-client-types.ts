/** The shapes the widget's browser code touches: the Worker's TypeScript has no DOM library. Types only. */

// The few DOM shapes the client touches; the Worker's own TypeScript has no DOM library.
export interface WzElement {
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  append(...nodes: (WzElement | string)[]): void;
  replaceChildren(...nodes: (WzElement | string)[]): void;
  after(...nodes: WzElement[]): void;
  attachShadow(init: { mode: "open" }): WzShadowRoot;
}
export interface WzShadowRoot {
  adoptedStyleSheets?: unknown[];
  append(...nodes: WzElement[]): void;
}
export interface WzScript extends WzElement {
  src: string;
}
export interface WzAnchor extends WzElement {
  href: string;
  target: string;
  rel: string;
}
export interface WzDocument {
  currentScript: WzScript | null;
  hidden: boolean;
  querySelectorAll(selector: string): { length: number; [index: number]: WzScript };
  createElement(tag: "a"): WzAnchor;
  createElement(tag: string): WzElement;
  addEventListener(type: "visibilitychange", listener: () => void): void;
}
/** The page's globals as /widget.js hands them in (`globalThis` of the partner's page). */
export interface WzGlobals {
  document: WzDocument;
  CSSStyleSheet?: new () => { replaceSync(css: string): void };
}

export interface UnitLike {
  unitId?: unknown;
  name?: unknown;
  sample?: unknown;
  responseRate?: unknown;
  onTimeRate?: unknown;
  resolutionRate?: unknown;
  satisfactionRate?: unknown;
  score?: unknown;
  rank?: unknown;
}
export interface RankingsLike {
  minSample?: unknown;
  units?: UnitLike[];
}

export interface ViewLike {
  trackingNo?: unknown;
  status?: { code?: unknown; zh?: unknown; en?: unknown };
  department?: { name?: unknown } | null;
  dueAt?: unknown;
  dueStatus?: unknown;
  reply?: { text?: unknown; publishedAt?: unknown; spokesperson?: { name?: unknown; title?: unknown } } | null;
  rating?: { zh?: unknown; en?: unknown } | null;
  supporters?: unknown;
}
