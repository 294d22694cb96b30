import { normaliseText } from "../terms";

/**
 * A short readable name for an issue, "where + who + what" as a 12345 centre writes it
 * (A市A2区丽发新城 小区附近搅拌站噪音扰民): the regions and the site most members name, the
 * group of people most of them speak for when the title does not say it, and the problem in the
 * words of the member that best represents the group, stripped of the letter's formulas.
 */

const CITY = /[A-Z]市/;
const DISTRICT = /[A-Z]\d+[区县]|经开区|高新区/;
const REGION_ALL = /[A-Z]\d*[市区县]|西地省/g;
const LEADING = /^(?:关于|反映|投诉|举报|请问|咨询|建议|请求|恳请|强烈要求|强烈建议|要求|希望|请|再次|紧急)+/;
const TRAILING = /(?:的问题|问题|的情况|情况|一事|的事|的建议|的投诉|的咨询|的请求|[?？!！。.,，、~…]+)+$/;
/** People an issue is about, in the words messages use. */
const PEOPLE = [
  "业主",
  "学生",
  "家长",
  "职工",
  "教师",
  "老师",
  "村民",
  "居民",
  "商户",
  "司机",
  "员工",
  "患者",
  "老人",
  "购房者",
  "农民工",
  "退休人员",
];
const MAX_WHAT = 24;
/** A marker or a group counts when at least this share of the members show it. */
const SHARE = 0.3;

export interface LabelSource {
  title: string;
  body: string;
}

function mostCommon(values: readonly (string | undefined)[], members: number): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best !== undefined && n >= Math.max(1, SHARE * members) ? best : undefined;
}

/**
 * The problem in the representative title's words, without its regions and formulas. A site the
 * title opens with is left to the "where"; one inside the sentence stays (南延至生态动物园).
 */
export function problemOf(title: string, site: string | undefined): string {
  let what = normaliseTitle(title).replace(REGION_ALL, "").replace(LEADING, "");
  if (site && what.toLowerCase().startsWith(site)) what = what.slice(site.length);
  what = what.replace(/^[的在,，:：\s]+/, "");
  for (let previous = ""; previous !== what; ) {
    previous = what;
    what = what.replace(LEADING, "").replace(TRAILING, "").trim();
  }
  return what.length > MAX_WHAT ? `${what.slice(0, MAX_WHAT - 1)}…` : what;
}

/** Full-width to half-width and whitespace out, case kept (A市 stays A市). */
function normaliseTitle(title: string): string {
  return title.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, "");
}

/** The site as the members write it (the lexicon lowercases Latin letters). */
function siteAsWritten(site: string, sources: readonly LabelSource[]): string {
  for (const s of sources) {
    const text = normaliseTitle(`${s.title}${s.body}`);
    const at = text.toLowerCase().indexOf(site);
    if (at >= 0) return text.slice(at, at + site.length);
  }
  return site;
}

/**
 * `regions` are the city's own region names (平凉市, 崆峒区), longest first; without them only the
 * masked forms of the TipDM board (A市, A5区) are recognised.
 */
export function issueLabel(
  sources: readonly LabelSource[],
  representative: LabelSource,
  site: string | undefined,
  regions: readonly string[] = [],
): string {
  const titles = sources.map((s) => normaliseTitle(s.title));
  const texts = sources.map((s) => normaliseText(`${s.title}${s.body}`));
  const named = (t: string) => regions.find((r) => r && t.includes(r));
  const city = mostCommon(
    titles.map((t) => t.match(CITY)?.[0]),
    sources.length,
  );
  const district = mostCommon(
    titles.map((t) => t.match(DISTRICT)?.[0] ?? named(t)),
    sources.length,
  );
  let what = problemOf(representative.title, site);
  for (const r of regions) if (r && what.startsWith(r)) what = what.slice(r.length);
  const who = PEOPLE.find(
    (p) =>
      !what.includes(p) &&
      sources.length > 1 &&
      texts.filter((t) => t.includes(p)).length >= Math.max(2, SHARE * sources.length),
  );
  const siteInWhat = site !== undefined && what.toLowerCase().includes(site);
  const where = `${city ?? ""}${district ?? ""}${site && !siteInWhat ? siteAsWritten(site, sources) : ""}`;
  return [where, who, what].filter(Boolean).join(" ") || normaliseTitle(representative.title);
}
