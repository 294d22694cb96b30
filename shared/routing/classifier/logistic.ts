/**
 * Binary L2-regularised logistic regression on sparse rows, trained by L-BFGS. One of these per
 * category makes the one-vs-rest model (each category sees its own NB-scaled features).
 * x[0..n) are feature weights, x[n] the bias (not penalised).
 */
import { minimise } from "./lbfgs";
import type { SparseRow } from "./vectorize";

export interface LogisticOptions {
  /** L2 penalty per weight, relative to the mean log-loss. */
  l2: number;
  maxIterations: number;
}

export function trainLogistic(
  rows: readonly SparseRow[],
  positive: readonly boolean[],
  nFeatures: number,
  opts: LogisticOptions,
): Float64Array {
  const n = nFeatures;
  const w = new Float64Array(n + 1);
  const m = rows.length;
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    const bias = x[n] ?? 0;
    let gBias = 0;
    for (let r = 0; r < m; r++) {
      const row = rows[r] as SparseRow;
      const cols = row.cols;
      const vals = row.values;
      let z = bias;
      for (let i = 0; i < cols.length; i++) z += (vals[i] ?? 0) * (x[cols[i] ?? 0] ?? 0);
      // Log-loss with labels ±1, written to stay finite for large |z|.
      const yz = positive[r] ? z : -z;
      loss += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
      const p = 1 / (1 + Math.exp(-z));
      const resid = p - (positive[r] ? 1 : 0);
      gBias += resid;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i] ?? 0;
        g[c] = (g[c] ?? 0) + (vals[i] ?? 0) * resid;
      }
    }
    let penalty = 0;
    for (let j = 0; j < n; j++) {
      const wj = x[j] ?? 0;
      penalty += wj * wj;
      g[j] = (g[j] ?? 0) / m + opts.l2 * wj;
    }
    g[n] = gBias / m;
    return loss / m + 0.5 * opts.l2 * penalty;
  };
  minimise(w, evaluate, { maxIterations: opts.maxIterations, tolerance: 1e-6, memory: 10 });
  return w;
}
