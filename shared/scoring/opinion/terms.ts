import { CIVIC_PREFIXES, CIVIC_TERMS } from "./lexicon";
import { STOP_WORDS } from "./stop-words";

/**
 * The terms of one citizen message, for counting what people write about (舆情). Words come from
 * Intl.Segmenter, which knows common Chinese words but splits proper names it has not seen
 * ("崆峒区" → 崆峒 | 区, "住建局" → 住 | 建 | 局); the caller's place and organisation names are
 * therefore matched first and kept whole, and common civic words it breaks (社保, 公积金) are
 * joined back from their segments.
 */

// Built once: constructing a segmenter loads ICU data and costs far more than segmenting a message.
const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
// Latin words are kept only as whole alphabetic words of 3+ letters (wifi, app, etc); shorter or
// mixed runs are plate, room and anonymised place codes ("a7县", "楚c").
const LATIN_WORD = /^[a-z]{3,}$/;
// The platform masks phone and ID numbers with "*"; the digits and letters left beside the stars
// (138****5678, 楚G*****) belong to the masked value, not to the message.
const MASKED_RUN = /[0-9a-z]*\*[0-9a-z*]*/g;

/** Full-width ASCII and the ideographic space to half-width, Latin to lower case. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .toLowerCase();
}

const NO_NAMES: readonly string[] = [];
// One alternation per (places, organisations) pair, reused across the thousands of messages of
// a run; keyed by array identity so a caller passing the same lists pays for the regex once.
const nameMatchers = new WeakMap<readonly string[], WeakMap<readonly string[], RegExp | null>>();

function nameMatcher(places: readonly string[], organisations: readonly string[]): RegExp | null {
  let inner = nameMatchers.get(places);
  if (!inner) {
    inner = new WeakMap();
    nameMatchers.set(places, inner);
  }
  let matcher = inner.get(organisations);
  if (matcher === undefined) {
    const names = [...new Set([...places, ...organisations].map((n) => normaliseText(n.trim())))].filter(Boolean);
    // Longest first: an alternation takes the first alternative that matches, so "泾川县人民医院"
    // wins over "泾川县" at the same position.
    names.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    matcher = escaped.length ? new RegExp(escaped.join("|"), "g") : null;
    inner.set(organisations, matcher);
  }
  return matcher;
}

/** End (exclusive) of the longest run of segments from `start` that spells a civic term, or start + 1. */
function joinCivicTerm(segments: readonly string[], start: number): number {
  let end = start + 1;
  let text = segments[start] ?? "";
  for (let j = start + 1; CIVIC_PREFIXES.has(text) && j < segments.length; j++) {
    const next = segments[j] ?? "";
    if (next === "") break;
    text += next;
    if (CIVIC_TERMS.has(text)) end = j + 1;
  }
  return end;
}

function keepWord(word: string): boolean {
  if (word.length < 2 || STOP_WORDS.has(word)) return false;
  return HAN.test(word) || LATIN_WORD.test(word);
}

/**
 * The distinct terms of one message (pass title and body together): matched names first, then
 * words in order of first use.
 * Names from `places` and `organisations` are kept whole and never dropped as stop words.
 */
export function extractTerms(
  text: string,
  places: readonly string[] = NO_NAMES,
  organisations: readonly string[] = NO_NAMES,
): string[] {
  const terms = new Set<string>();
  let rest = normaliseText(text).replace(MASKED_RUN, " ");
  const matcher = nameMatcher(places, organisations);
  if (matcher) {
    // A space where a name was keeps the segmenter from gluing its neighbours into one word.
    rest = rest.replace(matcher, (name) => {
      terms.add(name);
      return " ";
    });
  }
  // Word-like segments in order, "" where punctuation or a space breaks the run: a civic term is
  // never joined across a break.
  const segments: string[] = [];
  for (const seg of segmenter.segment(rest)) segments.push(seg.isWordLike ? seg.segment : "");
  for (let i = 0; i < segments.length; ) {
    const joined = joinCivicTerm(segments, i);
    if (joined > i + 1) {
      terms.add(segments.slice(i, joined).join(""));
      i = joined;
      continue;
    }
    const word = segments[i++] ?? "";
    if (keepWord(word)) terms.add(word);
  }
  return [...terms];
}
