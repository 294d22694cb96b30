import type { Child } from "hono/jsx";
import { userLang } from "./i18n";

/**
 * What a person wrote (a citizen's words, a department's reason, a spokesperson's name), set inside
 * the platform's own sentence: marked `lang="zh-CN"` on English pages, left bare on Chinese ones.
 */
export function Said({ children }: { children: Child }) {
  const lang = userLang();
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}
