import { samePlace } from "./places";
import { cosine, isPlaceFeature, type Prepared } from "./vectors";

/**
 * Groups messages about one problem at one place. Pairs come from an inverted index over each
 * message's rarest features (no all-pairs scan: a month of a large city is 20,000 messages);
 * pairs at least `pairSimilarity` alike are joined strongest first, and two groups join only when
 * their centroids are still `groupSimilarity` alike (so a chain A~B~C cannot pull in a C unlike
 * A) and they do not name different sites (the same 油烟扰民 at two estates is two issues).
 * Every pair and group must also be alike on the problem alone (`problem`: the cosine without
 * place features, so naming one estate or road is not enough); messages about one site need only
 * that (`sameSite…`), as the place ties them: neighbours of one 搅拌站 write 噪音, 粉尘, 违建 and 扰民 in
 * every combination, but the place alone cannot join 漏雨 to 幼儿园 at one estate.
 */

export interface GroupingOptions {
  pairSimilarity: number;
  groupSimilarity: number;
  /** Problem-only similarity (places left out) every pair and group needs besides the full one. */
  problem: number;
  groupProblem: number;
  /** Problem-only similarity enough for two messages, or groups, that name the same site. */
  sameSiteProblem: number;
  sameSiteGroupProblem: number;
  /** Features per message used to find candidate pairs, rarest first. */
  probeFeatures: number;
  /** A feature shared by more messages than this finds no pairs (it is too common to mean one issue). */
  maxPosting: number;
}

export const DEFAULT_GROUPING: GroupingOptions = {
  pairSimilarity: 0.25,
  groupSimilarity: 0.2,
  problem: 0.12,
  groupProblem: 0.1,
  sameSiteProblem: 0.05,
  sameSiteGroupProblem: 0.04,
  probeFeatures: 12,
  maxPosting: 400,
};

interface Group {
  members: number[];
  centroid: Map<string, number>;
  /** Site → members naming it first. */
  sites: Map<string, number>;
}

function candidatePairs(items: readonly Prepared[], o: GroupingOptions): [number, number, number][] {
  const postings = new Map<string, number[]>();
  const probes = items.map((p, i) => {
    const top = [...p.vec].sort((a, b) => b[1] - a[1]).slice(0, o.probeFeatures);
    for (const [f] of top) {
      const list = postings.get(f) ?? [];
      list.push(i);
      postings.set(f, list);
    }
    return top;
  });
  const pairs: [number, number, number][] = [];
  items.forEach((p, i) => {
    const seen = new Set<number>();
    for (const [f] of probes[i] ?? []) {
      const list = postings.get(f) ?? [];
      if (list.length > o.maxPosting) continue;
      for (const j of list) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const other = items[j];
        if (!other) continue;
        const [x, y] = [p.sites[0], other.sites[0]];
        if (x && y && !samePlace(x, y)) continue;
        const problem = problemCosine(p.vec, other.vec);
        const alike =
          x && y ? problem >= o.sameSiteProblem : problem >= o.problem && cosine(p.vec, other.vec) >= o.pairSimilarity;
        if (alike) pairs.push([i, j, problem]);
      }
    }
  });
  return pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
}

/** Cosine over the problem's features only: what two texts say beyond the places they name. */
function problemCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [f, w] of small) {
    const v = large.get(f);
    if (v !== undefined && !isPlaceFeature(f)) dot += w * v;
  }
  return dot;
}

function leadSite(g: Group): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [site, count] of g.sites) if (count > n) [best, n] = [site, count];
  return best;
}

/** Whether two groups may join: not when they name different sites; on the problem alone when one. */
function mayJoin(a: Group, b: Group, o: GroupingOptions): boolean {
  const x = leadSite(a);
  const y = leadSite(b);
  if (x !== null && y !== null) return samePlace(x, y) && centroidCosine(a, b, true) >= o.sameSiteGroupProblem;
  return centroidCosine(a, b, true) >= o.groupProblem && centroidCosine(a, b) >= o.groupSimilarity;
}

function centroidCosine(a: Group, b: Group, problemOnly = false): number {
  let na = 0;
  let nb = 0;
  for (const w of a.centroid.values()) na += w * w;
  for (const w of b.centroid.values()) nb += w * w;
  const dot = problemOnly ? problemCosine(a.centroid, b.centroid) : cosine(a.centroid, b.centroid);
  return dot / (Math.sqrt(na * nb) || 1);
}

/** Indices of the batch grouped; every message in exactly one group (a lone message is its own). */
export function groupMessages(items: readonly Prepared[], options: Partial<GroupingOptions> = {}): number[][] {
  const o = { ...DEFAULT_GROUPING, ...options };
  const groups: (Group | null)[] = items.map((p, i) => ({
    members: [i],
    centroid: new Map(p.vec),
    sites: new Map(p.sites[0] ? [[p.sites[0], 1]] : []),
  }));
  const owner = items.map((_, i) => i);
  for (const [i, j] of candidatePairs(items, o)) {
    const gi = owner[i] ?? i;
    const gj = owner[j] ?? j;
    if (gi === gj) continue;
    const a = groups[gi];
    const b = groups[gj];
    if (!a || !b || !mayJoin(a, b, o)) continue;
    // The smaller group moves into the larger, so a member changes owner O(log n) times.
    const [big, small, from] = a.members.length >= b.members.length ? [a, b, gj] : [b, a, gi];
    const to = from === gi ? gj : gi;
    for (const m of small.members) owner[m] = to;
    big.members.push(...small.members);
    for (const [f, w] of small.centroid) big.centroid.set(f, (big.centroid.get(f) ?? 0) + w);
    for (const [s, n] of small.sites) big.sites.set(s, (big.sites.get(s) ?? 0) + n);
    groups[from] = null;
  }
  return groups.filter((g): g is Group => g !== null).map((g) => g.members.sort((x, y) => x - y));
}
