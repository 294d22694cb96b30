import { DUPLICATE_THRESHOLD, similarity } from "./duplicates";

/**
 * Locality-sensitive hashing over the 64-number MinHash signature: the signature is cut into BANDS
 * bands of ROWS numbers; two cases whose signatures agree on every number of at least one band share
 * that band's key, so similar cases are found through an index of band keys instead of a scan, then
 * verified exactly with their signatures.
 *
 * Why 21 bands of 3 (63 of the 64 numbers). The exact check counts equal positions m of 64; the
 * threshold 0.6 means m ≥ 39. Given m, the 64 − m unequal positions fall at random (the 64 hash
 * functions are independent), so the chance that some band is untouched is, by inclusion-exclusion,
 * Σ_j (−1)^(j+1) C(21, j) C(64 − 3j, 64 − m) / C(64, 64 − m):
 *
 *   m (similarity)     32 (0.50)  36 (0.56)  39 (0.61)  42 (0.66)  45 (0.70)  ≥ 48 (0.75)
 *   found, 21 × 3        0.970      0.997      0.9998     1.0000     1.0000     1.0000
 *   found, 16 × 4        0.657      0.851      0.944      0.988      0.999      1.000
 *
 * and for a true Jaccard similarity s the S-curve 1 − (1 − s³)²¹ is 0.02 at s = 0.1, 0.16 at 0.2,
 * 0.44 at 0.3, 0.75 at 0.4, 0.94 at 0.5, 0.994 at 0.6: candidates below the threshold are dropped by
 * the exact check. 32 bands of 2 would find every pair at the threshold for certain (25 unequal
 * positions cannot touch 32 bands) but make a candidate of 27 % of pairs at s = 0.1; 16 × 4 misses
 * one pair in 18 at the threshold. On the 1,087 real messages (`npm run routing:duplicates`) 21 × 3
 * finds all 11 pairs at or above the threshold, and 4 of the other 590,230 pairs share a band.
 */
export const BANDS = 21;
export const ROWS = 3;

/**
 * One key per band: the band's number in the high bits, a 32-bit hash of its values in the low ones
 * (below 2^53, so a plain SQLite integer). A hash collision only adds a candidate the exact check drops.
 */
export function bandKeys(signature: ArrayLike<number>): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = (0x811c9dc5 ^ band) >>> 0;
    for (let row = 0; row < ROWS; row++) {
      h = Math.imul(h ^ (signature[band * ROWS + row] ?? 0), 0x01000193) >>> 0;
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    }
    keys.push(band * 2 ** 32 + h);
  }
  return keys;
}

export interface IndexedSignature {
  caseId: string;
  trackingNo: string;
  submittedAt: string;
  signature: ArrayLike<number>;
}

/**
 * The exact check on the candidates the bands found: at or above the threshold, most similar first,
 * newer first among equals (the order the scan of recent history gave).
 */
export function verifiedCandidates(
  own: ArrayLike<number>,
  candidates: readonly IndexedSignature[],
  threshold = DUPLICATE_THRESHOLD,
) {
  return candidates
    .map((c) => ({
      caseId: c.caseId,
      trackingNo: c.trackingNo,
      submittedAt: c.submittedAt,
      similarity: similarity(own, c.signature),
    }))
    .filter((c) => c.similarity >= threshold)
    .sort(
      (a, b) =>
        b.similarity - a.similarity || (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0),
    )
    .map(({ caseId, trackingNo, similarity }) => ({ caseId, trackingNo, similarity }));
}
