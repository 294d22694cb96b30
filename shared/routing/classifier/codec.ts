/**
 * Compact encodings for the model file: base64 byte strings (JSON cannot hold binary), unsigned
 * varints for the sorted term hashes, and 8-bit μ-law codes for weights. μ-law keeps a few
 * percent relative precision from the largest weight down to ~1/1000 of it, where linear int8
 * would round most of the many small weights to zero.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    parts.push(
      ALPHABET.charAt(n >>> 18) +
        ALPHABET.charAt((n >>> 12) & 63) +
        (i + 1 < bytes.length ? ALPHABET.charAt((n >>> 6) & 63) : "=") +
        (i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : "="),
    );
  }
  return parts.join("");
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? (DECODE[code] ?? -1) : -1;
    if (v < 0) throw new Error(`invalid base64 character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}

/** Sorted unsigned 32-bit values as varint gaps: ~3 bytes each instead of 4 (or ~11 as JSON). */
export function encodeSortedU32(values: Uint32Array): Uint8Array {
  const out: number[] = [];
  let prev = 0;
  for (const v of values) {
    let gap = v - prev;
    if (gap < 0) throw new Error("values must be sorted ascending");
    prev = v;
    while (gap >= 0x80) {
      out.push((gap % 0x80) | 0x80);
      gap = Math.floor(gap / 0x80);
    }
    out.push(gap);
  }
  return Uint8Array.from(out);
}

export function decodeSortedU32(bytes: Uint8Array, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let prev = 0;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let mult = 1;
    for (;;) {
      const b = bytes[pos++];
      if (b === undefined) throw new Error("truncated varint data");
      gap += (b & 0x7f) * mult;
      if (b < 0x80) break;
      mult *= 0x80;
    }
    prev += gap;
    out[i] = prev;
  }
  return out;
}

const MU = 255;
const LOG1P_MU = Math.log1p(MU);

/** Signed μ-law: value/scale in [-1, 1] → int8 code stored as a byte. */
export function muLawEncode(value: number, scale: number): number {
  const x = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const q = Math.round((127 * Math.sign(x) * Math.log1p(MU * Math.abs(x))) / LOG1P_MU);
  return q & 0xff;
}

/** The 256 values a byte decodes to under `scale`, so decoding is one table look-up. */
export function muLawTable(scale: number): Float32Array {
  const table = new Float32Array(256);
  for (let b = 0; b < 256; b++) {
    const q = b >= 128 ? b - 256 : b;
    table[b] = (Math.sign(q) * scale * Math.expm1((Math.abs(q) / 127) * LOG1P_MU)) / MU;
  }
  return table;
}
