import { normaliseText } from "../terms";

/**
 * The places a batch of messages talk about (小区, 学校, 路, 村 …), found from the batch itself.
 * No gazetteer knows every estate of a city, and the segmenter splits names it has not seen
 * (伊景园滨河苑 → 伊 | 景园 | 滨河 | 苑). A place name ends in a type word (苑, 小区, 学院, 路 …);
 * where it starts is read from the batch: a name keeps growing leftwards while most of its
 * occurrences share the longer form (伊景园滨河苑 in every message that says 滨河苑), and stops
 * where the left neighbour varies (反映…, 关于…, 在…) or at a region (A市, A5区, 崆峒区).
 * The city's own place and organisation names, when given, are kept whole as they are.
 */

/** Estates, buildings and institutions: the "where" of a problem a department can go and see. */
const SITE_TYPES =
  "小区 花园 家园 新村 公馆 公寓 山庄 大厦 广场 商城 市场 医院 卫生院 学校 小学 中学 一中 二中 学院 大学 幼儿园 " +
  "公园 车站 地铁站 工厂 公司 苑 园 城 府 湾 郡 轩 墅";
/** Roads, villages and areas: a place, but a wider one. */
const AREA_TYPES = "大道 高速 路 街 巷 桥 线 村 镇 乡 社区 街道 片区 开发区 工业园";

const SITES = new Set(SITE_TYPES.split(" "));
const TYPES = [...SITES, ...AREA_TYPES.split(" ")].sort((a, b) => b.length - a.length);
/** A region: a masked one ("A市", "A5区", "K9县") or a name ending in 省/市/区/县 given by the caller. */
const MASKED_REGION = /[a-z]\d*[省市区县]|西地省|经开区|高新区/g;
/** Characters a name is made of; anything else (punctuation, spaces, masks) ends it. */
const NAME_CHAR = /[\u3400-\u9fffa-z0-9]/;
const MAX_STEM = 7;
/** A longer form is the same name when it keeps at least this share of the shorter form's messages. */
const KEEPS_SHARE = 0.6;
/** Words a name never starts with: verbs and function words that stand before places. */
const NOT_A_START =
  /^(?:[在于到去从和与及的了是对向给把被将让近有为由至沿往经离这那每各某一几多个条该此本其请望求问得打要说称管]|位于|关于|反映|投诉|举报|咨询|建议|希望|强烈|附近|旁边|周边|对面|整个|我们|我家|小区|业主|影响|导致|进入|感谢|相信|依靠|现在|相关|地方|所有|部分|很多|许多|同时|他们|自己)/;
/** Common nouns that end in a type word but name no particular place (物业公司, 安置小区, 幼儿园). */
const GENERIC_STEM =
  /^(?:物业|开发|安置|住宅|居民|配套|实验|培训|自来水|公交|人民|市民|服务|商品|老旧|中小|民办|公办|私立|公立|周边|当地|城市|农村|乡村|社区|街道|高速|道路|马路|公路|国际|政务|家庭|热线|文明|住房和|主干|次干|支)$/;
/** A type word that begins a longer word is not one: 城市, 城乡, 城管, 园区, 公园路. */
const NOT_A_TYPE = /^(?:城[市乡管区镇际]|园[区林艺])/;
/** Type words that, trailing a longer place, add nothing: 魅力之城小区 is 魅力之城. */
const TRAILING_GENERIC = /(?:小区|项目|一期|二期|三期|四期|片区|社区)$/;

export interface PlaceMention {
  /** The name as the batch writes it, minus a trailing generic type word. */
  name: string;
  /** True for estates, buildings and institutions; false for roads, villages and areas. */
  site: boolean;
  /** Offset in the normalised text: orders the mentions and marks which title characters name a place. */
  at: number;
}

export interface PlaceLexicon {
  /** Document frequency of every candidate name (stem + type word) two or more messages use. */
  readonly df: ReadonlyMap<string, number>;
  /** The caller's known names, matched first. */
  readonly known: readonly string[];
}

/** Normalised text with regions and masked runs replaced by a break, as place search reads it. */
export function placeText(text: string, regions: readonly string[] = []): string {
  let t = normaliseText(text).replace(/\s+/g, "");
  for (const r of regions) if (r) t = t.split(normaliseText(r)).join("|");
  return t.replace(MASKED_REGION, "|");
}

/** Every (stem, type) ending at a type word, with stems of 1..MAX_STEM name characters. */
function* candidates(t: string): Generator<{ end: number; type: string; forms: string[] }> {
  for (let i = 0; i < t.length; i++) {
    const type = TYPES.find((ty) => t.startsWith(ty, i));
    if (!type || NOT_A_TYPE.test(t.slice(i, i + type.length + 1))) continue;
    // 府 names estates (滨江府, 楚壹府) but is mostly 政府.
    if (type === "府" && t.charAt(i - 1) === "政") continue;
    const forms: string[] = [];
    for (let k = 1; k <= MAX_STEM && i - k >= 0 && NAME_CHAR.test(t.charAt(i - k)); k++) {
      forms.push(t.slice(i - k, i + type.length));
    }
    if (forms.length) yield { end: i + type.length, type, forms };
  }
}

/** Counts, once per message, every form a place name could take in the batch. */
export function placeLexicon(texts: Iterable<string>, known: readonly string[] = []): PlaceLexicon {
  const df = new Map<string, number>();
  for (const t of texts) {
    const seen = new Set<string>();
    for (const c of candidates(t)) for (const f of c.forms) seen.add(f);
    for (const f of seen) df.set(f, (df.get(f) ?? 0) + 1);
  }
  // A form one message uses reads the same as one none uses (bestForm and shared places ask for
  // two or more), and most forms are such: dropping them frees most of the table.
  for (const [f, n] of df) if (n < 2) df.delete(f);
  const knownNames = [...new Set(known.map((k) => normaliseText(k.trim())).filter((k) => k.length >= 2))];
  return { df, known: knownNames.sort((a, b) => b.length - a.length) };
}

/**
 * The longest form of the name ending here that the batch supports: at least two characters of
 * stem, and each extra character kept only while most of the shorter form's messages have it.
 * A name seen once is kept at its two- or three-character stem, enough to tell it from others.
 */
function bestForm(forms: readonly string[], type: string, df: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (let k = 2; k <= forms.length; k++) {
    const form = forms[k - 1] ?? "";
    if (NOT_A_START.test(form)) break;
    if (TYPES.includes(form) || GENERIC_STEM.test(form.slice(0, form.length - type.length))) continue;
    const n = df.get(form) ?? 0;
    if (best === null) {
      best = form;
      continue;
    }
    const prev = df.get(best) ?? 0;
    if (n < 2 || n < KEEPS_SHARE * prev) break;
    best = form;
  }
  if (best === null) return null;
  // A single message's name: keep at most three stem characters, past which the guess is noise.
  if ((df.get(best) ?? 0) < 2 && best.length > type.length + 3) best = best.slice(best.length - type.length - 3);
  return best;
}

/** The places of one message's text (already through placeText), in order of first mention. */
export function placesIn(t: string, lexicon: PlaceLexicon): PlaceMention[] {
  const out: PlaceMention[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && x < b);
  for (const name of lexicon.known) {
    for (let at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + name.length)) {
      if (overlaps(at, at + name.length)) continue;
      taken.push([at, at + name.length]);
      out.push({ name, site: true, at });
    }
  }
  for (const c of candidates(t)) {
    const form = bestForm(c.forms, c.type, lexicon.df);
    if (!form) continue;
    const start = c.end - form.length;
    if (overlaps(start, c.end)) continue;
    // 魅力之城小区 is found twice (…城 and …小区): the longer, later-ending one replaces the shorter.
    const inner = out.findIndex(
      (m) => m.at >= start && m.at + m.name.length <= c.end && !lexicon.known.includes(m.name),
    );
    if (inner >= 0) out.splice(inner, 1);
    const trimmed = form.replace(TRAILING_GENERIC, "");
    const name = trimmed.length >= 3 && trimmed !== form ? trimmed : form;
    out.push({ name, site: SITES.has(c.type), at: start });
  }
  out.sort((a, b) => a.at - b.at);
  return out;
}

/** Two names for one place: equal, or one contains the other (万科魅力之城 and 魅力之城). */
export function samePlace(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 3 && (a.includes(b) || b.includes(a)));
}
