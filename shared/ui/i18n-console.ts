import { periodLabel } from "../clocks/period";
import { type Lang, portalLang } from "./i18n";
import { CONSOLE_ADMIN_EN } from "./i18n-console-admin-en";
import { CONSOLE_ADMIN_ZH } from "./i18n-console-admin-zh";
import { CONSOLE_CASE_EN } from "./i18n-console-case-en";
import { CONSOLE_CASE_ZH } from "./i18n-console-case-zh";
import { CONSOLE_EN } from "./i18n-console-en";
import { CONSOLE_EVALUATION_EN } from "./i18n-console-evaluation-en";
import { CONSOLE_EVALUATION_ZH } from "./i18n-console-evaluation-zh";
import { CONSOLE_ZH } from "./i18n-console-zh";

/**
 * The staff console's words: one zh-CN table and its English twin, kept in four files by area
 * (shell and queues, the case desk, administration, evaluation) so none grows past a screenful
 * too many. Each English file is typed by its Chinese one, so a missing key fails to compile.
 */
const ZH = { ...CONSOLE_ZH, ...CONSOLE_CASE_ZH, ...CONSOLE_ADMIN_ZH, ...CONSOLE_EVALUATION_ZH };
export type ConsoleText = typeof ZH & KeysAppearOnce;

// The four tables share one namespace: a key in two of them would silently shadow the other, so
// a key that appears twice makes ConsoleText impossible to satisfy (and names itself in the error).
type Keys<T> = keyof T;
type Twice =
  | Extract<Keys<typeof CONSOLE_ZH>, Keys<typeof CONSOLE_CASE_ZH> | Keys<typeof CONSOLE_ADMIN_ZH>>
  | Extract<Keys<typeof CONSOLE_ZH> | Keys<typeof CONSOLE_CASE_ZH>, Keys<typeof CONSOLE_EVALUATION_ZH>>
  | Extract<Keys<typeof CONSOLE_CASE_ZH>, Keys<typeof CONSOLE_ADMIN_ZH>>
  | Extract<Keys<typeof CONSOLE_ADMIN_ZH>, Keys<typeof CONSOLE_EVALUATION_ZH>>;
type KeysAppearOnce = [Twice] extends [never] ? unknown : { duplicateKey: Twice };
const EN: ConsoleText = { ...CONSOLE_EN, ...CONSOLE_CASE_EN, ...CONSOLE_ADMIN_EN, ...CONSOLE_EVALUATION_EN };

/** The console's words in the language of the page being rendered (or `lang`). */
export function consoleText(lang: Lang = portalLang()): ConsoleText {
  return lang === "en" ? EN : (ZH satisfies ConsoleText);
}

/** "2026年3月" / "March 2026": the one label style of shared/clocks/period. */
export function consoleMonth(period: string, lang: Lang = portalLang()): string {
  return periodLabel(period, lang);
}
