import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseIdFor, formatTrackingNo, hashQueryCode, newTrackingNo, normalizeTrackingNo, queryCodeFor } from "./ids";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("tracking numbers", () => {
  it("are 12 characters, random, and pass their own check", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const t = newTrackingNo();
      expect(t).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(normalizeTrackingNo(t)).toBe(t);
      seen.add(t);
    }
    expect(seen.size).toBe(2000);
  });

  it("catch every single-character typo", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (pos, shift) => {
        const t = newTrackingNo();
        const wrong = ALPHABET[(ALPHABET.indexOf(t.charAt(pos)) + shift) % 32] as string;
        return normalizeTrackingNo(t.slice(0, pos) + wrong + t.slice(pos + 1)) === null;
      }),
    );
  });

  it("forgive case, dashes, spaces and look-alike letters", () => {
    const t = newTrackingNo();
    const typed = ` ${formatTrackingNo(t).toLowerCase()} `.replaceAll("0", "o").replaceAll("1", "l");
    expect(normalizeTrackingNo(typed)).toBe(t);
  });
});

describe("case ids and query codes", () => {
  it("name the same case for the same channel and key, and differ across channels", () => {
    expect(caseIdFor("api", "key-0123456789abcdef")).toBe(caseIdFor("api", "key-0123456789abcdef"));
    expect(caseIdFor("api", "key-0123456789abcdef")).not.toBe(caseIdFor("form", "key-0123456789abcdef"));
  });

  it("derive the query code from the secret, so only its hash is stored", () => {
    const code = queryCodeFor("secret", "CASE1");
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(queryCodeFor("secret", "CASE1")).toBe(code);
    expect(queryCodeFor("other-secret", "CASE1")).not.toBe(code);
    expect(hashQueryCode("secret", "CASE1", code.toLowerCase())).toBe(hashQueryCode("secret", "CASE1", code));
    expect(hashQueryCode("other-secret", "CASE1", code)).not.toBe(hashQueryCode("secret", "CASE1", code));
  });
});
