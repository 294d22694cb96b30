import { extractTerms } from "../opinion/terms";
import { clausesOf, GENERIC_WORDS, overlap, pairsOf, plain } from "./text";

/**
 * What is left of a reply once its template is taken out: the greeting, the user's handle, "来信收悉",
 * "现将有关情况回复如下", "已转有关部门", the thanks, the closing wishes, the signature date, and any
 * quotation of the message's own title (a reply that only repeats the title has said nothing).
 */

// A clause that thanks, wishes or closes is template whatever else it names: "感谢您对我市公共交通的
// 关心" mentions the topic without saying anything about the case.
const CLOSING = /感谢|谢谢|多谢|致谢|祝您|欢迎您|此复|特此|敬请|请勿重复/;
// Passing the case on, and nothing more: "已转市住建局调查处理", "已转交相关部门". The unit it names
// still counts as an outcome (outcome.ts reads the body), but the clause says nothing about the case.
const FORWARD = /^.{0,16}?已(经)?(将.{0,12}?)?(转|转交|转至|转给|转到|移交|交办|交由|转送)(至|给|到)?.{0,24}$/;
// The citizen's board handle quoted at the start or after 网友 (“UU0081893”, “a0009233”).
const HANDLE = /(^|网友|网民|市民)\s*[“"‘「][^”"’」]{1,24}[”"’」]/g;
const QUOTED = /[“"‘「《]([^”"’」》]{4,120})[”"’」》]/g;
// The date a reply is signed with, at its start or end: 2019年5月9日, 2019-5-9, 2019.9.25.
const EDGE_DATE =
  /^\s*\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?|\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?\s*$/g;
// The signing office as the last clause: "市住建局", "a7县委宣传部", "j9县图书馆".
const SIGNATURE = /^[\u3400-\u9fffa-z0-9（）()]{2,16}(局|委|办|部|厅|政府|中心|馆|处|院|所|队|站|公司|街道|办事处)$/;

export interface Substance {
  /** The case-specific clauses, joined: what the outcome and relevance checks read. */
  text: string;
  /** Every clause but the thanks and the signature: where a unit the case was passed to is named. */
  body: string;
  /** Its non-generic words. */
  terms: string[];
  /** The reply quotes the message's title (or most of it). */
  echoesTitle: boolean;
}

export function contentTerms(text: string): string[] {
  return extractTerms(text).filter((t) => !GENERIC_WORDS.has(t));
}

export function substanceOf(reply: string, title: string): Substance {
  const titlePairs = pairsOf(title);
  let echoesTitle = false;
  const text = plain(reply)
    .replace(HANDLE, "$1")
    .replace(QUOTED, (whole, inner: string) => {
      const pairs = pairsOf(inner);
      const shared = overlap(pairs, titlePairs);
      // Half of the title's pairs, and mostly the title: the quotation is the title, perhaps with a typo.
      if (titlePairs.size > 0 && shared >= titlePairs.size / 2 && shared >= pairs.size / 2) {
        echoesTitle = true;
        return " ";
      }
      return whole;
    });
  const kept: string[] = [];
  const body: string[] = [];
  const terms = new Set<string>();
  const clauses = clausesOf(text.replace(EDGE_DATE, " "));
  if (SIGNATURE.test(clauses.at(-1) ?? "")) clauses.pop();
  for (const clause of clauses) {
    if (CLOSING.test(clause)) continue;
    body.push(clause);
    if (FORWARD.test(clause)) continue;
    // A clause with no word beyond the generic ones ("您好", "来信收悉", "现回复如下") is template.
    const own = contentTerms(clause);
    if (own.length === 0) continue;
    kept.push(clause);
    for (const t of own) terms.add(t);
  }
  return { text: kept.join("，"), body: body.join("，"), terms: [...terms], echoesTitle };
}
