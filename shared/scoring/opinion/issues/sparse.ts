/**
 * Sparse vectors small enough for a month of a large city inside one isolate (128 MB): a feature
 * is a 32-bit hash of its text (no dictionary of every word of 20,000 letters), its lowest bit
 * saying whether it names a place; a vector is its ids ascending with their weights beside them,
 * 8 bytes an entry where a Map took about ten times that. Two texts hashing alike is about one
 * feature pair in a few thousand at a month's vocabulary: a false match weighs as one shared word.
 */

export interface Sparse {
  ids: Uint32Array;
  weights: Float32Array;
}

export const EMPTY: Sparse = { ids: new Uint32Array(0), weights: new Float32Array(0) };

/** FNV-1a of the feature's text, the place flag in the lowest bit. */
export function featureId(text: string, place: boolean): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h & ~1) | (place ? 1 : 0)) >>> 0;
}

export const isPlaceId = (id: number): boolean => (id & 1) === 1;

/** A vector from (id, weight) pairs, sorted by id. */
export function sparseOf(entries: Iterable<[number, number]>): Sparse {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  return { ids: Uint32Array.from(sorted, (e) => e[0]), weights: Float32Array.from(sorted, (e) => e[1]) };
}

/** Dot products of two vectors, over every feature and over the problem's (non-place) ones. */
export function dots(a: Sparse, b: Sparse): { all: number; problem: number } {
  let all = 0;
  let problem = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      const p = (a.weights[i] ?? 0) * (b.weights[j] ?? 0);
      all += p;
      if (!isPlaceId(x)) problem += p;
      i++;
      j++;
    }
  }
  return { all, problem };
}

/** The same against a map (a group's summed vector). */
export function dotsWithMap(a: Sparse, m: ReadonlyMap<number, number>): { all: number; problem: number } {
  let all = 0;
  let problem = 0;
  for (let i = 0; i < a.ids.length; i++) {
    const id = a.ids[i] ?? 0;
    const v = m.get(id);
    if (v === undefined) continue;
    const p = (a.weights[i] ?? 0) * v;
    all += p;
    if (!isPlaceId(id)) problem += p;
  }
  return { all, problem };
}

export function dotsOfMaps(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
): { all: number; problem: number } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let all = 0;
  let problem = 0;
  for (const [id, w] of small) {
    const v = large.get(id);
    if (v === undefined) continue;
    all += w * v;
    if (!isPlaceId(id)) problem += w * v;
  }
  return { all, problem };
}

/** Adds a vector into a map (a group's summed vector). */
export function addInto(m: Map<number, number>, a: Sparse): void {
  for (let i = 0; i < a.ids.length; i++) {
    const id = a.ids[i] ?? 0;
    m.set(id, (m.get(id) ?? 0) + (a.weights[i] ?? 0));
  }
}
