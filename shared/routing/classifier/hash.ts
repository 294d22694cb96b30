/**
 * 32-bit term hashes (the hashing trick). The model stores only the hashes of the terms it kept,
 * so it ships no vocabulary strings; 32 bits keep accidental collisions among the ~10^5 kept
 * terms rare (expected < 2 pairs), unlike the small bucket spaces of classic feature hashing.
 *
 * FNV-1a over UTF-16 code units, seeded by the term kind, finished with murmur3's fmix32. The
 * state is exposed so a gram's hash extends the previous gram's state: hashing the 1-, 2- and
 * 3-grams starting at one position costs three steps, not six.
 */

export function hashSeed(kind: number): number {
  return Math.imul(0x811c9dc5 ^ kind, 0x01000193);
}

export function hashStep(state: number, code: number): number {
  return Math.imul(state ^ code, 0x01000193);
}

/** Final avalanche; `salt` derives a second, independent hash (the title copy) from one state. */
export function hashFinish(state: number, salt = 0): number {
  let h = state ^ salt;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
