import { normalizedText } from "./screening";

/**
 * Near-duplicate detection (the same complaint re-posted, or many citizens about one site): MinHash
 * over character 3-gram shingles estimates the Jaccard similarity of two messages' texts. Pure and
 * cheap: a signature is 64 numbers, computed once per message.
 */
const SHINGLE = 3;
const HASHES = 64;

/** 32-bit FNV-1a with a seed: 64 seeds give 64 independent-enough hash functions. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  if (text.length <= SHINGLE) {
    if (text) out.add(text);
    return out;
  }
  for (let i = 0; i + SHINGLE <= text.length; i++) out.add(text.slice(i, i + SHINGLE));
  return out;
}

export function minHashSignature(message: { title: string; body: string }): number[] {
  const grams = shingles(normalizedText(message));
  const signature = new Array<number>(HASHES).fill(0xffffffff);
  for (const gram of grams) {
    for (let k = 0; k < HASHES; k++) {
      const h = fnv1a(gram, k * 0x9e3779b1);
      if (h < (signature[k] ?? 0xffffffff)) signature[k] = h;
    }
  }
  return signature;
}

/** The share of equal positions estimates the Jaccard similarity of the two shingle sets. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same += 1;
  return same / HASHES;
}

/** Above this estimated Jaccard similarity the dispatcher is offered a merge. */
export const DUPLICATE_THRESHOLD = 0.6;

export interface DuplicateCandidate {
  trackingNo: string;
  title: string;
  body: string;
}

/** Stored signatures at or above the threshold, most similar first: the cheap path, one signature per case. */
export function closestSignatures(
  own: readonly number[],
  candidates: readonly { trackingNo: string; signature: readonly number[] }[],
  threshold = DUPLICATE_THRESHOLD,
) {
  return candidates
    .map((c) => ({ trackingNo: c.trackingNo, similarity: similarity(own, c.signature) }))
    .filter((c) => c.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}

/** The most similar earlier messages at or above the threshold, most similar first. */
export function nearDuplicates(
  message: { title: string; body: string },
  candidates: readonly DuplicateCandidate[],
  threshold = DUPLICATE_THRESHOLD,
) {
  return closestSignatures(
    minHashSignature(message),
    candidates.map((c) => ({ trackingNo: c.trackingNo, signature: minHashSignature(c) })),
    threshold,
  );
}
