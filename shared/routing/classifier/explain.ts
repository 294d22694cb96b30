/**
 * Why the model chose a category: the message's terms ranked by how much each added to that
 * category's score. The model is linear per category, so these contributions (plus the bias)
 * add up exactly to the score a dispatcher's suggestion came from.
 */
import { featureIndex, type RoutingModel } from "./model";
import { emitTerms } from "./tokenize";

export interface TermContribution {
  /** Readable term: "w:垃圾" (word), "w2:…" (word pair), "c2:垃圾" (char gram), "t2:垃圾" (in the title). */
  term: string;
  /** This term's additive part of the category's raw score (before calibration); positive argues for it. */
  contribution: number;
}

export function explain(model: RoutingModel, text: string, category: string, top = 10): TermContribution[] {
  const k = model.categories.indexOf(category);
  if (k < 0) throw new Error(`unknown category ${category}`);
  const K = model.categories.length;
  const counts = new Map<number, { name: string; count: number }>();
  emitTerms(
    text,
    model.tokenizer,
    (hash, name) => {
      const j = featureIndex(model, hash);
      if (j < 0) return;
      const seen = counts.get(j);
      if (seen) seen.count++;
      else counts.set(j, { name: name ?? "", count: 1 });
    },
    true,
  );
  let den = 0;
  const raw: TermContribution[] = [];
  for (const [j, { name, count }] of counts) {
    const t = 1 + Math.log(count);
    const u = t * (model.params[j * 2 * K + K + k] ?? 0);
    den += u * u;
    raw.push({ term: name, contribution: t * (model.params[j * 2 * K + k] ?? 0) });
  }
  const scale = den > 0 ? 1 / Math.sqrt(den) : 0;
  return raw
    .map((c) => ({ term: c.term, contribution: c.contribution * scale }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
}
