import { type Lang, portalLang } from "./i18n";
import { INTERVIEWS_EN } from "./i18n-interviews-en";
import { INTERVIEWS_ZH, type InterviewDict } from "./i18n-interviews-zh";

/** 在线访谈's words (portal and console pages) in the language of the page being rendered (or `lang`). */
export function interviewText(lang: Lang = portalLang()): InterviewDict {
  return lang === "en" ? INTERVIEWS_EN : INTERVIEWS_ZH;
}
