import type { MiddlewareHandler } from "hono";
import { localHref } from "./i18n";

const isLocal = (url: string) => url.startsWith("/") && !url.startsWith("//") && !/[?&]lang=/.test(url);

/**
 * An English page stays English: after a request with `lang=en`, a local `Location` gains it, and so
 * do the local links and form targets of an HTML answer (a GET form carries it as a hidden field).
 * The console and the report write their links plainly and rely on this; the portal writes
 * `localHref` itself, which this leaves alone. Chinese answers pass through untouched. Mounted
 * after `contextStorage()`.
 */
export const keepLanguage: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.query("lang") !== "en") return;
  const location = c.res.headers.get("Location");
  if (location && isLocal(location)) c.header("Location", localHref(location, "en"));
  if (!c.res.headers.get("Content-Type")?.startsWith("text/html")) return;
  const link = (name: string) => ({
    element(e: Element) {
      const url = e.getAttribute(name);
      if (url && isLocal(url) && !e.hasAttribute("hreflang") && !url.startsWith("/assets/") && !/\/assets\//.test(url))
        e.setAttribute(name, localHref(url, "en"));
    },
  });
  const postTarget = link("action");
  c.res = new HTMLRewriter()
    .on("a[href]", link("href"))
    .on("form", {
      element(e) {
        if (e.getAttribute("method")?.toLowerCase() === "post") postTarget.element(e);
        else e.prepend('<input type="hidden" name="lang" value="en">', { html: true });
      },
    })
    .transform(c.res);
};
