import { samePlace } from "./places";
import { addInto, dots, dotsOfMaps, dotsWithMap, type Sparse } from "./sparse";
import type { Prepared } from "./vectors";

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
  /** The members' summed vector; null while the group is one message (its vector is `single`). */
  centroid: Map<number, number> | null;
  single: Sparse;
  /** Site → members naming it first. */
  sites: Map<string, number>;
}

/** The ids of a vector's heaviest features: what a message is looked up by. */
function heaviest(v: Sparse, k: number): number[] {
  return [...v.ids.keys()]
    .sort((x, y) => (v.weights[y] ?? 0) - (v.weights[x] ?? 0))
    .slice(0, k)
    .map((i) => v.ids[i] ?? 0);
}

function candidatePairs(items: readonly Prepared[], o: GroupingOptions): [number, number, number][] {
  const postings = new Map<number, number[]>();
  const probes = items.map((p, i) => {
    const top = heaviest(p.vec, o.probeFeatures);
    for (const f of top) {
      const list = postings.get(f) ?? [];
      list.push(i);
      postings.set(f, list);
    }
    return top;
  });
  const pairs: [number, number, number][] = [];
  items.forEach((p, i) => {
    const seen = new Set<number>();
    for (const f of probes[i] ?? []) {
      const list = postings.get(f) ?? [];
      if (list.length > o.maxPosting) continue;
      for (const j of list) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const other = items[j];
        if (!other) continue;
        const [x, y] = [p.sites[0], other.sites[0]];
        if (x && y && !samePlace(x, y)) continue;
        const d = dots(p.vec, other.vec);
        const alike = x && y ? d.problem >= o.sameSiteProblem : d.problem >= o.problem && d.all >= o.pairSimilarity;
        if (alike) pairs.push([i, j, d.problem]);
      }
    }
  });
  return pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
}

function leadSite(g: Group): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [site, count] of g.sites) if (count > n) [best, n] = [site, count];
  return best;
}

const norm = (g: Group): number => {
  if (!g.centroid) return 1; // a message's vector is a unit vector
  let sum = 0;
  for (const w of g.centroid.values()) sum += w * w;
  return Math.sqrt(sum) || 1;
};

/** Cosines of two groups' centres, over every feature and over the problem's alone. */
function centroidCosines(a: Group, b: Group): { all: number; problem: number } {
  const d =
    a.centroid && b.centroid
      ? dotsOfMaps(a.centroid, b.centroid)
      : a.centroid
        ? dotsWithMap(b.single, a.centroid)
        : b.centroid
          ? dotsWithMap(a.single, b.centroid)
          : dots(a.single, b.single);
  const n = norm(a) * norm(b);
  return { all: d.all / n, problem: d.problem / n };
}

/** Whether two groups may join: not when they name different sites; on the problem alone when one. */
function mayJoin(a: Group, b: Group, o: GroupingOptions): boolean {
  const x = leadSite(a);
  const y = leadSite(b);
  const c = centroidCosines(a, b);
  if (x !== null && y !== null) return samePlace(x, y) && c.problem >= o.sameSiteGroupProblem;
  return c.problem >= o.groupProblem && c.all >= o.groupSimilarity;
}

/** Indices of the batch grouped; every message in exactly one group (a lone message is its own). */
export function groupMessages(items: readonly Prepared[], options: Partial<GroupingOptions> = {}): number[][] {
  const o = { ...DEFAULT_GROUPING, ...options };
  const groups: (Group | null)[] = items.map((p, i) => ({
    members: [i],
    centroid: null,
    single: p.vec,
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
    if (!big.centroid) {
      big.centroid = new Map();
      addInto(big.centroid, big.single);
    }
    if (small.centroid) for (const [f, w] of small.centroid) big.centroid.set(f, (big.centroid.get(f) ?? 0) + w);
    else addInto(big.centroid, small.single);
    for (const [s, n] of small.sites) big.sites.set(s, (big.sites.get(s) ?? 0) + n);
    groups[from] = null;
  }
  return groups.filter((g): g is Group => g !== null).map((g) => g.members.sort((x, y) => x - y));
}
