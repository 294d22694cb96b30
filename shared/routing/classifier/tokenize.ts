/**
 * Turns a message into the terms the linear model weighs: words from Intl.Segmenter, adjacent
 * word pairs, and character 1–3-grams, plus the same grams marked "title" when they fall in the
 * first characters (the 留言主题 comes first in 文本 and names the topic most densely).
 *
 * One loop emits each term's hash and, only when asked, its readable name, so the fast path
 * (no string built per term) and the names used by tests and explanations cannot drift apart.
 */
import { hashFinish, hashSeed, hashStep } from "./hash";

export interface TokenizerOptions {
  /** Only this many leading characters go through Intl.Segmenter: it is the slowest step. */
  wordChars: number;
  /** Character grams are taken from this many leading characters. */
  gramChars: number;
  /** Grams starting in the first titleChars characters also emit a title-marked copy. */
  titleChars: number;
  /** Longest character gram (1..maxGram). */
  maxGram: number;
  /** Emit word pairs (w2) next to single words. */
  wordPairs: boolean;
}

export const DEFAULT_TOKENIZER: TokenizerOptions = {
  wordChars: 48,
  gramChars: 400,
  titleChars: 24,
  maxGram: 3,
  wordPairs: true,
};

/** Term kinds; each seeds its own hash so a word and a gram with the same text stay apart. */
const CHAR_SEED = hashSeed(1);
const WORD_SEED = hashSeed(10);
const PAIR_SEED = hashSeed(11);
/** Salt for the title copy of a gram. */
const TITLE_SALT = 0x5bd1e995;

/** Receives each term occurrence's hash; `name` is set only when emitTerms was asked for names. */
export type TermSink = (hash: number, name?: string) => void;

const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });

/** A code unit that is not part of any term: space, punctuation, symbols, emoji halves. */
const BREAK = 0;

/**
 * Normalises one UTF-16 code unit: full-width ASCII to ASCII, upper to lower case, every digit
 * to "0" (dates, phone and house numbers are noise as exact values, signal as "a number here").
 * Han, kana, Hangul, Latin letters and digits are kept; everything else breaks a gram run.
 */
export function normaliseCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  if (c >= 0x61 && c <= 0x7a) return c;
  if (c >= 0x3400 && c <= 0x9fff) return c;
  if (c >= 0xf900 && c <= 0xfaff) return c;
  if (c >= 0x3040 && c <= 0x30ff) return c;
  if (c >= 0xac00 && c <= 0xd7af) return c;
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return c;
  return BREAK;
}

let scratch = new Uint16Array(1024);

/** Feeds every term of `text` to `sink`; with `named`, also its readable name (slow). */
export function emitTerms(text: string, opts: TokenizerOptions, sink: TermSink, named = false): void {
  const n = Math.min(text.length, opts.gramChars);
  if (scratch.length < n) scratch = new Uint16Array(n * 2);
  const codes = scratch;
  for (let i = 0; i < n; i++) codes[i] = normaliseCode(text.charCodeAt(i));
  const str = (start: number, end: number): string => String.fromCharCode(...codes.subarray(start, end));
  // Grams never cross a break, so "垃圾，清理" yields no "圾清" pair.
  let runStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && codes[i] !== BREAK) continue;
    for (let s = runStart; s < i; s++) {
      const end = Math.min(i, s + opts.maxGram);
      const title = s < opts.titleChars;
      let state = CHAR_SEED;
      for (let e = s; e < end; e++) {
        state = hashStep(state, codes[e] ?? 0);
        const len = e - s + 1;
        sink(hashFinish(state), named ? `c${len}:${str(s, e + 1)}` : undefined);
        if (title) sink(hashFinish(state, TITLE_SALT), named ? `t${len}:${str(s, e + 1)}` : undefined);
      }
    }
    runStart = i + 1;
  }
  // Words are read off the same normalised codes, so no string is built per word; the
  // segmenter sees the raw text, whose offsets equal those of the codes.
  const wordEnd = Math.min(n, opts.wordChars);
  let prevStart = -1;
  let prevLen = 0;
  const word = (start: number, len: number): void => {
    let state = WORD_SEED;
    for (let e = start; e < start + len; e++) state = hashStep(state, codes[e] ?? 0);
    sink(hashFinish(state), named ? `w:${str(start, start + len)}` : undefined);
    if (opts.wordPairs && prevStart >= 0) {
      let pair = PAIR_SEED;
      for (let e = prevStart; e < prevStart + prevLen; e++) pair = hashStep(pair, codes[e] ?? 0);
      // A separator keeps "ab"+"c" apart from "a"+"bc".
      pair = hashStep(pair, 0x20);
      for (let e = start; e < start + len; e++) pair = hashStep(pair, codes[e] ?? 0);
      sink(
        hashFinish(pair),
        named ? `w2:${str(prevStart, prevStart + prevLen)} ${str(start, start + len)}` : undefined,
      );
    }
    prevStart = start;
    prevLen = len;
  };
  for (const seg of segmenter.segment(text.slice(0, wordEnd))) {
    const end = seg.index + seg.segment.length;
    // Punctuation ends a phrase (a pair across it would join unrelated clauses); ICU also keeps
    // "138…，2019" together as one number, so breaks inside a segment split it the same way.
    let from = seg.index;
    for (let e = seg.index; e <= end; e++) {
      if (e < end && codes[e] !== BREAK) continue;
      if (seg.isWordLike && e > from) word(from, e - from);
      if (e < end || !seg.isWordLike) prevStart = -1;
      from = e + 1;
    }
  }
}

/** Readable terms, e.g. "c2:垃圾", "t1:垃", "w:垃圾", "w2:小区 垃圾"; for tests and explanations. */
export function termStrings(text: string, opts: TokenizerOptions = DEFAULT_TOKENIZER): string[] {
  const out: string[] = [];
  emitTerms(text, opts, (_hash, name) => out.push(name ?? ""), true);
  return out;
}
