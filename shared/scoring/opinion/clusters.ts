/**
 * Groups near-duplicate messages (the same complaint re-posted, or many citizens about one site)
 * into clusters: the connected components of the "similar to" pairs, so A~B and B~C put A, B and
 * C together even when A and C differ more than the pair threshold allows.
 */
export interface SimilarPair {
  a: string;
  b: string;
  similarity: number;
}

export interface Cluster {
  /** Case ids, sorted. */
  members: string[];
  size: number;
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Clusters of two or more cases, largest first, ties by first member. Pairs below
 * `minSimilarity` are ignored; a pair of a case with itself joins nothing.
 */
export function clustersFromPairs(pairs: readonly SimilarPair[], minSimilarity = 0): Cluster[] {
  // Union-find with path halving and union by size: near-linear in the number of pairs.
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const find = (x: string): string => {
    if (!parent.has(x)) {
      parent.set(x, x);
      size.set(x, 1);
      return x;
    }
    let root = x;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) {
      const grand = parent.get(p) ?? p;
      parent.set(root, grand);
      root = grand;
    }
    return root;
  };
  for (const { a, b, similarity } of pairs) {
    if (a === b || !(similarity >= minSimilarity)) continue;
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) continue;
    if ((size.get(ra) ?? 1) < (size.get(rb) ?? 1)) [ra, rb] = [rb, ra];
    parent.set(rb, ra);
    size.set(ra, (size.get(ra) ?? 1) + (size.get(rb) ?? 1));
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = groups.get(root);
    if (group) group.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()]
    .map((members) => members.sort(byCodeUnits))
    .map((members) => ({ members, size: members.length }))
    .sort((x, y) => y.size - x.size || byCodeUnits(x.members[0] ?? "", y.members[0] ?? ""));
}
