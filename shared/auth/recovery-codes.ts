import { sha256Hex } from "../domain/hash-chain";

/**
 * Recovery codes: ten one-time codes shown once when the second factor is set up, for the day the
 * phone is lost. Lower case without look-alikes (no 0/o, 1/l/i), two groups of five: read off
 * paper and typed once. About 49 bits each, behind the sign-in backoff; stored only as SHA-256.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.getRandomValues(new Uint32Array(10)), (n) => ALPHABET[n % ALPHABET.length]);
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  });
}

/** What a typed code is compared as: case, spaces and the dash do not matter. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toLowerCase().replace(/[\s-]/g, "");
  return code.length === 10 && [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

/** The stored form: the digest of the normalized code. */
export const recoveryCodeDigest = (normalized: string) => sha256Hex(`recovery:${normalized}`);
