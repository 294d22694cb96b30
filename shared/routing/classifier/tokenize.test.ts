import { describe, expect, it } from "vitest";
import { DEFAULT_TOKENIZER, emitTerms, normaliseCode, termStrings } from "./tokenize";

const hashesOf = (text: string): Map<string, number> => {
  const out = new Map<string, number>();
  emitTerms(text, DEFAULT_TOKENIZER, (hash, name) => out.set(name ?? "", hash), true);
  return out;
};

describe("tokenizer", () => {
  it("segments Chinese words and takes character 1–3-grams", () => {
    const terms = termStrings("小区垃圾没人清理");
    expect(terms).toEqual(
      expect.arrayContaining(["w:小区", "w:垃圾", "w:清理", "c1:垃", "c2:垃圾", "c3:区垃圾", "w2:小区 垃圾"]),
    );
  });

  it("handles mixed Chinese, ASCII, numbers and emoji", () => {
    const terms = termStrings("反映ABC公司😀欠薪 Tel 13812345678，2019年");
    // ASCII is lower-cased, digits collapse to 0, emoji and punctuation produce no term.
    expect(terms).toEqual(expect.arrayContaining(["w:abc", "w:tel", "w:公司", "w:00000000000", "w:0000", "c3:abc"]));
    expect(terms.some((t) => /[\ud800-\udfff]/.test(t))).toBe(false);
    // Grams never cross a break: nothing joins 司 and 欠 across the emoji, or l and 1 across the space.
    expect(terms).not.toContain("c2:司欠");
    expect(terms).not.toContain("c2:l0");
    expect(terms).toContain("c2:公司");
  });

  it("folds full-width letters and digits to ASCII", () => {
    expect(normaliseCode("Ａ".charCodeAt(0))).toBe("a".charCodeAt(0));
    expect(normaliseCode("９".charCodeAt(0))).toBe("0".charCodeAt(0));
    expect(termStrings("ＡＢＣ")).toEqual(termStrings("abc"));
  });

  it("marks grams in the leading characters as title terms", () => {
    const text = `路灯不亮${"。".repeat(30)}噪音`;
    const terms = termStrings(text);
    expect(terms).toContain("t2:路灯");
    expect(terms).toContain("c2:噪音");
    expect(terms).not.toContain("t2:噪音");
  });

  it("gives one term the same hash in any message, and distinct terms distinct hashes", () => {
    const a = hashesOf("垃圾清运不及时");
    const b = hashesOf("请清运小区垃圾");
    expect(a.get("c2:垃圾")).toBe(b.get("c2:垃圾"));
    expect(a.get("w:垃圾")).not.toBe(a.get("c2:垃圾"));
    expect(a.get("t2:垃圾")).not.toBe(a.get("c2:垃圾"));
  });

  it("yields nothing for empty or punctuation-only text", () => {
    expect(termStrings("")).toEqual([]);
    expect(termStrings("！？…… 😀😀")).toEqual([]);
  });
});
