/**
 * Turns a message into the terms the linear model weighs: words from Intl.Segmenter, adjacent
 * word pairs, and character 1–3-grams, plus the same grams marked "title" when they fall in the
 * first characters (the 留言主题 comes first in 文本 and names the topic most densely).
 *
 * One loop feeds a TermSink, so the fast path (32-bit hashes, no string allocation per gram) and
 * the readable path used by tests and explanations cannot drift apart.
 */

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
  wordChars: 160,
  gramChars: 600,
  titleChars: 24,
  maxGram: 3,
  wordPairs: true,
};

/** Term kinds; each seeds its own hash so a word and a gram with the same text stay apart. */
export const KIND = { char: 1, word: 10, wordPair: 11, title: 20 } as const;

export interface TermSink {
  /** A character gram of normalised codes: codes[start .. start+len). */
  gram(kind: number, codes: Uint16Array, start: number, len: number): void;
  /** A whole word (already normalised). */
  word(kind: number, text: string): void;
}

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

/** Normalises a word the way grams are normalised, so "ＡＢＣ" and "abc" are one term. */
export function normaliseWord(word: string): string {
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const n = normaliseCode(word.charCodeAt(i));
    out += n === BREAK ? "" : String.fromCharCode(n);
  }
  return out;
}

let scratch = new Uint16Array(1024);

/** Feeds every term of `text` to `sink`. */
export function emitTerms(text: string, opts: TokenizerOptions, sink: TermSink): void {
  const n = Math.min(text.length, opts.gramChars);
  if (scratch.length < n) scratch = new Uint16Array(n * 2);
  const codes = scratch;
  for (let i = 0; i < n; i++) codes[i] = normaliseCode(text.charCodeAt(i));
  // Grams never cross a break, so "垃圾，清理" yields no "圾清" pair.
  let runStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && codes[i] !== BREAK) continue;
    for (let s = runStart; s < i; s++) {
      const maxLen = Math.min(opts.maxGram, i - s);
      for (let len = 1; len <= maxLen; len++) {
        sink.gram(KIND.char + len - 1, codes, s, len);
        if (s < opts.titleChars) sink.gram(KIND.title + len - 1, codes, s, len);
      }
    }
    runStart = i + 1;
  }
  let prev = "";
  for (const seg of segmenter.segment(text.slice(0, opts.wordChars))) {
    if (!seg.isWordLike) {
      // Punctuation ends a phrase; a pair across it would join unrelated clauses.
      prev = "";
      continue;
    }
    const w = normaliseWord(seg.segment);
    if (w === "") continue;
    sink.word(KIND.word, w);
    if (opts.wordPairs && prev !== "") sink.word(KIND.wordPair, prev + " " + w);
    prev = w;
  }
}

/** Readable terms, e.g. "c2:垃圾", "t1:垃", "w:垃圾", "w2:小区 垃圾"; for tests and explanations. */
export function termStrings(text: string, opts: TokenizerOptions = DEFAULT_TOKENIZER): string[] {
  const out: string[] = [];
  emitTerms(text, opts, {
    gram(kind, codes, start, len) {
      const prefix = kind >= KIND.title ? `t${kind - KIND.title + 1}` : `c${kind - KIND.char + 1}`;
      out.push(`${prefix}:${String.fromCharCode(...codes.subarray(start, start + len))}`);
    },
    word(kind, w) {
      out.push(`${kind === KIND.word ? "w" : "w2"}:${w}`);
    },
  });
  return out;
}
