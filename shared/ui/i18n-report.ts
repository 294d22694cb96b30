import { periodLabel } from "../clocks/period";
import { type Lang, portalLang } from "./i18n";
import { REPORT_EN } from "./i18n-report-en";
import { REPORT_ZH, type ReportDict } from "./i18n-report-zh";

/** The monthly report's words in the language of the page being rendered (or `lang`). */
export function reportText(lang: Lang = portalLang()): ReportDict {
  return lang === "en" ? REPORT_EN : REPORT_ZH;
}

/** "2026年3月" / "March 2026" */
export function reportMonth(period: string, lang: Lang = portalLang()): string {
  return periodLabel(period, lang);
}
