import { createHash, createHmac, randomBytes } from "node:crypto";

/** Crockford base32: no I, L, O, U, so a tracking number read over the phone survives. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function toBase32(bytes: Uint8Array, length: number): string {
  let out = "";
  let bits = 0;
  let acc = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** Luhn mod 32: catches every single-character error and most adjacent swaps. */
function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(body.charAt(i));
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / 32) + (addend % 32);
  }
  return ALPHABET.charAt((32 - (sum % 32)) % 32);
}

const TRACKING_BODY_LENGTH = 11; // 55 random bits: never a counter, not enumerable

/** A public tracking number: 11 random base32 characters and a check character. */
export function newTrackingNo(): string {
  const body = toBase32(randomBytes(7), TRACKING_BODY_LENGTH);
  return body + checkCharacter(body);
}

/** Uppercases, drops spaces and dashes, maps look-alikes (O→0, I/L→1); null when the check fails. */
export function normalizeTrackingNo(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (cleaned.length !== TRACKING_BODY_LENGTH + 1) return null;
  if ([...cleaned].some((c) => !ALPHABET.includes(c))) return null;
  const body = cleaned.slice(0, -1);
  return checkCharacter(body) === cleaned.slice(-1) ? cleaned : null;
}

/** Groups a tracking number for display: 4-4-4. */
export function formatTrackingNo(trackingNo: string): string {
  return trackingNo.replace(/(.{4})(?=.)/g, "$1-");
}

/**
 * The durable object's name, from the submission's channel and idempotency key: a replay lands on
 * the same object without a lookup. It is also the internal `caseId`.
 */
export function caseIdFor(channel: string, idempotencyKey: string): string {
  return toBase32(createHash("sha256").update(`${channel}\u0000${idempotencyKey}`).digest(), 26);
}

/**
 * The citizen's query code is derived with a server secret rather than stored: the stores hold
 * only its hash, yet a replayed submission can answer with the same code.
 */
export function queryCodeFor(secret: string, caseId: string): string {
  return toBase32(createHmac("sha256", secret).update(`query-code\u0000${caseId}`).digest(), 8);
}

/** Keyed with the server secret: a leaked table of hashes cannot be brute-forced over the 40-bit codes. */
export function hashQueryCode(secret: string, caseId: string, queryCode: string): string {
  return createHmac("sha256", secret)
    .update(`query-code-hash\u0000${caseId}\u0000${queryCode.toUpperCase().trim()}`)
    .digest("hex");
}

export function randomId(): string {
  return toBase32(randomBytes(16), 26);
}
