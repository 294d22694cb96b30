/**
 * 32-bit term hashes (the hashing trick). The model stores only the hashes of the terms it kept,
 * so it ships no vocabulary strings; 32 bits keep accidental collisions among the ~10^5 kept
 * terms rare (expected < 2 pairs), unlike the small bucket spaces of classic feature hashing.
 */

/** FNV-1a over UTF-16 code units, seeded by the term kind, finished with murmur3's fmix32. */
export function hashCodes(kind: number, codes: Uint16Array, start: number, len: number): number {
  let h = Math.imul(0x811c9dc5 ^ kind, 0x01000193);
  for (let i = start; i < start + len; i++) h = Math.imul(h ^ (codes[i] ?? 0), 0x01000193);
  return fmix32(h);
}

export function hashString(kind: number, text: string): number {
  let h = Math.imul(0x811c9dc5 ^ kind, 0x01000193);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
