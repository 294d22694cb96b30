/**
 * Classification quality measures shared by training (which stores its cross-validated numbers
 * in the model) and the evaluation CLI.
 */

export interface ClassStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: ClassStats[];
  /** confusion[actual][predicted] */
  confusion: number[][];
}

/** Labels and predictions are category indices 0..K-1. */
export function score(actual: readonly number[], predicted: readonly number[], K: number): Scores {
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i] ?? -1;
    const row = confusion[a];
    if (row && p >= 0 && p < K) row[p] = (row[p] ?? 0) + 1;
    if (a === p) correct++;
  });
  const perClass: ClassStats[] = [];
  for (let k = 0; k < K; k++) {
    const tp = confusion[k]?.[k] ?? 0;
    const support = (confusion[k] ?? []).reduce((s, v) => s + v, 0);
    const predictedK = confusion.reduce((s, row) => s + (row[k] ?? 0), 0);
    const precision = predictedK > 0 ? tp / predictedK : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support });
  }
  // Macro-F1 over the categories present in the data, so a file without some category is not
  // penalised for it.
  const present = perClass.filter((c) => c.support > 0);
  const macroF1 = present.length > 0 ? present.reduce((s, c) => s + c.f1, 0) / present.length : 0;
  return { accuracy: actual.length > 0 ? correct / actual.length : 0, macroF1, perClass, confusion };
}

export interface Operating {
  /** Route automatically when confidence ≥ threshold; Infinity when no threshold reaches the target. */
  threshold: number;
  /** Share of messages at or above the threshold. */
  coverage: number;
  /** Precision among them. */
  precision: number;
}

/**
 * The lowest confidence threshold at which the predictions at or above it are at least
 * `target` precise, i.e. the largest automatic-routing share that keeps the precision promise.
 * Cuts are only placed between distinct confidences, since a threshold cannot split ties.
 */
export function thresholdForPrecision(
  confidence: readonly number[],
  correct: readonly boolean[],
  target: number,
): Operating {
  const order = Array.from(confidence.keys()).sort((a, b) => (confidence[b] ?? 0) - (confidence[a] ?? 0));
  let best: Operating = { threshold: Infinity, coverage: 0, precision: 0 };
  let right = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r] ?? 0;
    if (correct[i]) right++;
    const next = order[r + 1];
    const c = confidence[i] ?? 0;
    if (next !== undefined && confidence[next] === c) continue;
    const precision = right / (r + 1);
    if (precision >= target) best = { threshold: c, coverage: (r + 1) / order.length, precision };
  }
  return best;
}
