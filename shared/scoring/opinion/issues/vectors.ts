import { STOP_WORDS } from "../stop-words";
import { extractTerms } from "../terms";
import { type PlaceLexicon, type PlaceMention, placesIn, placeText } from "./places";
import { featureId, type Sparse, sparseOf } from "./sparse";

/**
 * A message as the issue grouping reads it: its places, and a TF-IDF vector over what it says
 * (terms, the title's character pairs and recurring phrases) and where (its places), the title's and the body's
 * features each normalised and then mixed, so the cosine of two messages is
 * TITLE_SHARE × (title cosine) + (1 − TITLE_SHARE) × (body cosine). Weights are binary per message
 * before IDF: a message that repeats a word ten times is not ten messages about it.
 */

/** Words of complaint letters that say neither what nor where (on top of the opinion STOP_WORDS). */
const FILLER = new Set(
  (
    "小区 业主 居民 问题 严重 希望 尽快 能否 能不能 是否 何时 什么时候 合理 合法 为何 为什么 请求 " +
    "现象 情况 有关部门 相关部门 部门 政府 领导 处理 解决 整改 管理 监管 要求 申请 办理 " +
    "西地省 市区 县城 一直 多年 目前 已经 至今 仍然 还是 没有 不能 无法 其他 一个 "
  ).split(" "),
);
/** Share of the similarity that comes from the titles: a title says what the message is about, a
 * body also tells a story (the rare words of which, 包涵 or 叫嚣, would otherwise weigh most). */
const TITLE_SHARE = 0.6;
const MIN_FEATURE_CAP = 60;
const BIGRAM_WEIGHT = 1;
const PHRASE_WEIGHT = 2;
const PHRASE_MIN = 3;
const PHRASE_MAX = 6;
/** A phrase links titles only when this many titles of the batch use it. */
const PHRASE_MIN_TITLES = 3;
const NOT_NAME = /[^\u3400-\u9fffa-z0-9]+/;
const NAME_RUN = /[\u3400-\u9fffa-z0-9]+/g;

export interface Prepared {
  /** Site places (estates, buildings, institutions) the title names and the batch names at least twice. */
  sites: string[];
  /** Whether `sites` came from the title (a label may use them) or, lacking any there, from the body. */
  titled: boolean;
  /** Features before IDF (dropped once weighed): ids, weights, and whether each is the title's. */
  raw: { ids: Uint32Array; weights: Float32Array; title: Uint8Array } | null;
  /** Unit vector after IDF, features the batch shares only. */
  vec: Sparse;
}

function keepTerm(term: string, places: readonly PlaceMention[]): boolean {
  if (STOP_WORDS.has(term) || FILLER.has(term)) return false;
  // Pieces of a place name (景园, 滨河 from 伊景园滨河苑) are counted as the place, not again as words.
  return !places.some((p) => p.name.includes(term));
}

/** Title character runs of 3..6 characters, counted once per title: names the segmenter misses. */
export function titlePhrases(titles: Iterable<string>): Map<string, number> {
  const df = new Map<string, number>();
  for (const title of titles) {
    const seen = new Set<string>();
    for (const run of title.split(NOT_NAME)) {
      for (let len = PHRASE_MIN; len <= PHRASE_MAX; len++) {
        for (let i = 0; i + len <= run.length; i++) seen.add(run.slice(i, i + len));
      }
    }
    for (const p of seen) df.set(p, (df.get(p) ?? 0) + 1);
  }
  // Most runs occur once; only the recurring ones are ever looked up, so only they are kept.
  for (const [p, n] of df) if (n < PHRASE_MIN_TITLES) df.delete(p);
  return df;
}

/**
 * The phrases of a title that recur in other titles (58车贷, 一圈二场三道, 人才购房补贴), read left
 * to right without overlap, so a month of similar titles does not turn into dozens of overlapping
 * fragments that outweigh the words. At each point the phrase with the largest length × ln(titles
 * using it) wins: 58车贷 (in 14 titles) over 58车贷案 (in 5), so every title about the case shares it.
 */
function recurringPhrases(run: string, phrases: ReadonlyMap<string, number>): { text: string; at: number }[] {
  const found: { text: string; at: number }[] = [];
  for (let i = 0; i + PHRASE_MIN <= run.length; ) {
    let best = "";
    let bestScore = 0;
    for (let len = PHRASE_MIN; len <= PHRASE_MAX && i + len <= run.length; len++) {
      const p = run.slice(i, i + len);
      const n = phrases.get(p) ?? 0;
      const score = len * Math.log(n);
      if (n >= PHRASE_MIN_TITLES && score >= bestScore && !STOP_WORDS.has(p) && !FILLER.has(p)) {
        best = p;
        bestScore = score;
      }
    }
    if (best) found.push({ text: best, at: i });
    i += best ? best.length : 1;
  }
  return found;
}

export function prepare(
  message: { title: string; body: string },
  lexicon: PlaceLexicon,
  phrases: ReadonlyMap<string, number>,
  names: { regions: readonly string[]; places: readonly string[]; organisations: readonly string[] },
): Prepared {
  const titleText = placeText(message.title, names.regions);
  const bodyText = placeText(message.body, names.regions);
  const titlePlaces = placesIn(titleText, lexicon);
  const bodyPlaces = placesIn(bodyText, lexicon);
  const all = [...titlePlaces, ...bodyPlaces];
  const weights = new Map<number, number>();
  const inTitle = new Set<number>();
  // A feature says where rather than what when its kind starts with "p": a place, or a title pair
  // or phrase touching a place name (山水湾小区, 道山 across 楚龙街道|山水湾).
  const add = (feature: string, w: number) => {
    const id = featureId(feature, feature.charAt(2) === "p");
    weights.set(id, Math.max(weights.get(id) ?? 0, w));
    if (feature.startsWith("T:")) inTitle.add(id);
  };
  for (const term of extractTerms(message.title, names.places, names.organisations)) {
    if (keepTerm(term, all)) add(`T:t:${term}`, 1);
  }
  // The segmenter drops what it cannot read as words (58车贷 → 58 | 车 | 贷, all dropped): the
  // title's character pairs and recurring phrases catch such names and 车贷-like compounds.
  const covered = new Array<boolean>(titleText.length).fill(false);
  for (const p of titlePlaces) covered.fill(true, p.at, p.at + p.name.length);
  const kind = (at: number, len: number, k: string) => (covered.slice(at, at + len).includes(true) ? `p${k}` : k);
  for (const m of titleText.matchAll(NAME_RUN)) {
    const run = m[0];
    const offset = m.index;
    for (let i = 0; i + 2 <= run.length; i++)
      add(`T:${kind(offset + i, 2, "b")}:${run.slice(i, i + 2)}`, BIGRAM_WEIGHT);
    for (const p of recurringPhrases(run, phrases))
      add(`T:${kind(offset + p.at, p.text.length, "n")}:${p.text}`, PHRASE_WEIGHT);
  }
  for (const term of extractTerms(message.body, names.places, names.organisations)) {
    if (keepTerm(term, all)) add(`B:t:${term}`, 1);
  }
  const shared = (p: PlaceMention) => (lexicon.df.get(p.name) ?? 0) >= 2;
  for (const p of titlePlaces) if (shared(p)) add(`T:p:${p.name}`, 1);
  for (const p of bodyPlaces) if (shared(p)) add(`B:p:${p.name}`, 1);
  // Sites a body names beside the title's (an address, a landmark) are features, not the subject.
  // A title that names no site ("投诉小区附近搅拌站噪音扰民") takes the site its body names most.
  const bodyCounts = new Map<string, number>();
  for (const p of bodyPlaces) if (p.site && shared(p)) bodyCounts.set(p.name, (bodyCounts.get(p.name) ?? 0) + 1);
  const titleSites = titlePlaces.filter((p) => p.site && shared(p)).map((p) => p.name);
  const bodySite = [...bodyCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sites = [...new Set(titleSites.length ? titleSites : bodySite ? [bodySite] : [])];
  const ids = Uint32Array.from(weights.keys());
  const raw = {
    ids,
    weights: Float32Array.from(weights.values()),
    title: Uint8Array.from(ids, (id) => (inTitle.has(id) ? 1 : 0)),
  };
  return { sites, titled: titleSites.length > 0, raw, vec: { ids: new Uint32Array(0), weights: new Float32Array(0) } };
}

/** Slots of the document-frequency sketch: 4 M counters, 8 MB, whatever the month's vocabulary. */
const DF_BITS = 22;

/**
 * Fills each message's unit vector: IDF over the batch, dropping features only one message has.
 * Document frequencies are counted in a fixed table indexed by the feature's hash (a count-min
 * sketch of one row): a feature sharing a slot with another reads a little more frequent than it
 * is, which only keeps a few lone features in the vectors, where they match nothing.
 */
export function weigh(prepared: readonly Prepared[], maxShare: number): void {
  const df = new Uint16Array(1 << DF_BITS);
  const slot = (id: number) => id >>> (32 - DF_BITS);
  for (const p of prepared) for (const id of p.raw?.ids ?? []) df[slot(id)] = Math.min(0xffff, (df[slot(id)] ?? 0) + 1);
  const n = prepared.length;
  // In a small batch one hot issue alone can pass the share: a floor keeps its features.
  const cap = Math.max(MIN_FEATURE_CAP, Math.floor(n * maxShare));
  for (const p of prepared) {
    const raw = p.raw;
    if (!raw) continue;
    const norms = [0, 0]; // body, title
    const kept: [number, number, number][] = [];
    raw.ids.forEach((id, k) => {
      const d = df[slot(id)] ?? 1;
      const weight = (raw.weights[k] ?? 0) * Math.log((n + 1) / d);
      const title = raw.title[k] ?? 0;
      // Single-message features still lengthen the vector (a long message is about more things),
      // but cannot link it to another, so they are not stored.
      norms[title] = (norms[title] ?? 0) + weight * weight;
      if (d >= 2 && d <= cap) kept.push([id, weight, title]);
    });
    const scale = [Math.sqrt((1 - TITLE_SHARE) / (norms[0] || 1)), Math.sqrt(TITLE_SHARE / (norms[1] || 1))];
    p.vec = sparseOf(kept.map(([id, w, title]) => [id, w * (scale[title] ?? 0)]));
    p.raw = null; // a month's raw features are most of the analysis' memory
  }
}
