import { tryGetContext } from "hono/context-storage";
import { EN } from "./i18n-en";
import { type Dict, ZH } from "./i18n-zh";

export type { Dict };

/**
 * The portal's words, zh-CN first with the English table beside it (`?lang=en`). Only the
 * platform's own words live here: what citizens and departments wrote, and the names of places,
 * departments and categories, are shown as written.
 *
 * The language is read from the request through Hono's context storage, so a page rendered by any
 * route (the form's, the rating forms') speaks the language of the URL it answers. Outside a portal
 * request (another Worker rendering the shared layout) it is zh-CN and no language switch is shown.
 */

export type Lang = "zh" | "en";

export function portalLang(): Lang {
  return tryGetContext()?.req.query("lang") === "en" ? "en" : "zh";
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

/**
 * The header's link to the other language: the same path and query. A form's answer page (a POST)
 * links to the page the form lives on, since a link cannot repeat the post.
 */
export function languageSwitch(): { href: string; lang: Lang; label: string } | null {
  const c = tryGetContext();
  if (!c) return null;
  const url = new URL(c.req.url);
  const target: Lang = portalLang() === "en" ? "zh" : "en";
  const path = c.req.method === "GET" ? url.pathname : url.pathname.replace(/\/(rating|redo)$/, "");
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
