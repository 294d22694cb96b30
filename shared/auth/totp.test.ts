import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { newRecoveryCodes, normalizeRecoveryCode, recoveryCodeDigest } from "./recovery-codes";
import { acceptTotp, newTotpSecret, TOTP_SECRET, type TotpAlgorithm, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238, Appendix B: the seeds are ASCII digits; the codes have eight digits.
const SEEDS: Record<TotpAlgorithm, string> = {
  SHA1: "12345678901234567890",
  SHA256: "12345678901234567890123456789012",
  SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
};
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it("gives the RFC's test vectors for SHA-1, SHA-256 and SHA-512", () => {
    for (const [seconds, sha1, sha256, sha512] of VECTORS) {
      const expected = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };
      for (const algorithm of ["SHA1", "SHA256", "SHA512"] as const) {
        const secret = Secret.fromLatin1(SEEDS[algorithm]).base32;
        expect(totpCode(secret, seconds * 1000, algorithm, 8), `${algorithm} at ${seconds}`).toBe(expected[algorithm]);
      }
    }
  });

  const secret = newTotpSecret();
  const now = 1_780_000_000_000;

  it("accepts the current code and one step of drift either way, nothing further", () => {
    expect(TOTP_SECRET.test(secret)).toBe(true);
    expect(acceptTotp(secret, totpCode(secret, now), now, null)).toBe(totpStep(now));
    expect(acceptTotp(secret, totpCode(secret, now - 30_000), now, null)).toBe(totpStep(now) - 1);
    expect(acceptTotp(secret, totpCode(secret, now + 30_000), now, null)).toBe(totpStep(now) + 1);
    expect(acceptTotp(secret, totpCode(secret, now - 90_000), now, null)).toBeNull();
    expect(acceptTotp(secret, totpCode(secret, now + 90_000), now, null)).toBeNull();
  });

  it("refuses a code whose step was already used (no replay), and malformed input", () => {
    const code = totpCode(secret, now);
    expect(acceptTotp(secret, code, now, totpStep(now))).toBeNull();
    expect(acceptTotp(secret, totpCode(secret, now - 30_000), now, totpStep(now))).toBeNull();
    expect(acceptTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now, totpStep(now) - 1)).toBe(totpStep(now));
    for (const bad of ["", "12345", "1234567", "abcdef", `${code}0`])
      expect(acceptTotp(secret, bad, now, null)).toBeNull();
  });

  it("writes the otpauth URI an authenticator app scans", () => {
    const uri = new URL(totpUri(secret, "dispatcher"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Wenzheng");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(decodeURIComponent(uri.pathname)).toContain("dispatcher");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes that normalize from what a person types", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [first = ""] = codes;
    expect(normalizeRecoveryCode(` ${first.toUpperCase()} `)).toBe(first.replace("-", ""));
    expect(recoveryCodeDigest(first.replace("-", ""))).toMatch(/^[0-9a-f]{64}$/);
    for (const bad of ["", "abc", "0000000000", "abcde-fghi1", "abcdefghjkm"])
      expect(normalizeRecoveryCode(bad)).toBeNull();
  });
});
