import { extractTerms } from "../../shared/scoring/opinion/terms";

/**
 * For each message, the most similar other message: cosine of TF-IDF vectors over the opinion
 * analysis' terms (title and body), through an inverted index so only messages sharing a term are
 * compared. Ties go to the earlier message, so a run is repeatable.
 */
export function mostSimilar(messages: readonly { title: string; body: string }[]): number[] {
  const docs = messages.map((m) => extractTerms(`${m.title} ${m.body}`));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const vectors = docs.map((d) => {
    const weights = d.map((t) => [t, Math.log(n / (df.get(t) ?? 1))] as const);
    const norm = Math.hypot(...weights.map(([, w]) => w)) || 1;
    return weights.map(([t, w]) => [t, w / norm] as const);
  });
  const postings = new Map<string, [number, number][]>();
  vectors.forEach((v, i) => {
    for (const [t, w] of v) {
      const list = postings.get(t) ?? [];
      list.push([i, w]);
      postings.set(t, list);
    }
  });
  return vectors.map((v, i) => {
    const dot = new Map<number, number>();
    for (const [t, w] of v)
      for (const [j, u] of postings.get(t) ?? []) if (j !== i) dot.set(j, (dot.get(j) ?? 0) + w * u);
    let best = -1;
    let bestDot = 0;
    for (const [j, d] of dot) if (d > bestDot || (d === bestDot && best >= 0 && j < best)) [best, bestDot] = [j, d];
    // A message sharing no term with any other: its neighbour is the next one, an unrelated message.
    return best >= 0 ? best : (i + 1) % n;
  });
}
