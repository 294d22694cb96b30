import { tryGetContext } from "hono/context-storage";
import { EN } from "./i18n-en";
import { type Dict, ZH } from "./i18n-zh";

export type { Dict };

/**
 * The portal's words, zh-CN first with the English table beside it (`?lang=en`); the console and
 * the monthly report have their own pairs (i18n-console-*, i18n-report-*) read the same way. Only
 * the platform's own words live in them: what citizens and staff wrote is shown as written, and
 * the names of places, departments and categories come from their rows (`name_en`).
 *
 * The language is read from the request through Hono's context storage, so a page rendered by any
 * route (the form's, the rating forms') speaks the language of the URL it answers. Outside a
 * request that has it (a queue consumer, a Worker without the middleware) it is zh-CN and no
 * language switch is shown.
 */

export type Lang = "zh" | "en";

/** The language of the page being rendered: the portal's, the console's or the report's. */
export function portalLang(): Lang {
  return tryGetContext()?.req.query("lang") === "en" ? "en" : "zh";
}

/** A local link in the language of the page being rendered. */
export function pageHref(href: string): string {
  return localHref(href, portalLang());
}

/**
 * The `lang` of an element holding what a person wrote (a citizen's title, a staff member's name):
 * marked on English pages, where it is most likely Chinese, and left off on Chinese ones.
 */
export function userLang(): "zh-CN" | undefined {
  return portalLang() === "en" ? "zh-CN" : undefined;
}

/** Names from the configuration tables: the English one where it is set, on English pages. */
export function localName(row: { name: string; nameEn?: string | null }, lang: Lang = portalLang()): string {
  return lang === "en" ? (row.nameEn ?? row.name) : row.name;
}

export function htmlLang(lang: Lang): string {
  return lang === "en" ? "en" : "zh-CN";
}

/** A portal link in the reader's language: `lang=en` is added to the query, keeping its fragment. */
export function localHref(href: string, lang: Lang): string {
  if (lang === "zh") return href;
  const [beforeHash = "", hash] = href.split("#", 2);
  const joined = `${beforeHash}${beforeHash.includes("?") ? "&" : "?"}lang=en`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** The portal's forms post to their page's path plus `/rating`, `/redo` or `/support`. */
const portalFormPage = (path: string) => path.replace(/\/(rating|redo|support)$/, "");

/**
 * The header's link to the other language: the same path and query. A form's answer page (a POST)
 * links to the page the form lives on (`formPage` maps the path posted to), since a link cannot
 * repeat the post.
 */
export function languageSwitch(
  formPage: (path: string) => string = portalFormPage,
): { href: string; lang: Lang; label: string } | null {
  const c = tryGetContext();
  if (!c) return null;
  const url = new URL(c.req.url);
  const target: Lang = portalLang() === "en" ? "zh" : "en";
  const path = c.req.method === "GET" ? url.pathname : formPage(url.pathname);
  const query = c.req.method === "GET" ? new URLSearchParams(url.search) : new URLSearchParams();
  if (target === "en") query.set("lang", "en");
  else query.delete("lang");
  const search = query.toString();
  return { href: search ? `${path}?${search}` : path, lang: target, label: target === "en" ? "English" : "中文" };
}

export function percent(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

const DICTS: Record<Lang, Dict> = { zh: ZH, en: EN };

export function text(lang: Lang): Dict {
  return DICTS[lang];
}
