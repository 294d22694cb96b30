/** Stratified k-fold assignment with a seeded shuffle, so every run splits the same way. */
import { seededRandom } from "../../seeded-random";

/** Returns each item's fold (0..k-1); every category is spread evenly over the folds. */
export function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const byClass = new Map<number, number[]>();
  labels.forEach((y, i) => {
    const list = byClass.get(y) ?? [];
    list.push(i);
    byClass.set(y, list);
  });
  // Continue the round-robin across categories so small categories do not all start in fold 0.
  let offset = 0;
  for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
    const items = byClass.get(y) ?? [];
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = items[i] ?? 0;
      items[i] = items[j] ?? 0;
      items[j] = t;
    }
    items.forEach((item, r) => {
      fold[item] = (r + offset) % k;
    });
    offset += items.length;
  }
  return fold;
}
