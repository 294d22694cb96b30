/**
 * Multinomial logistic regression (softmax) with L2 penalty, trained by L-BFGS on sparse rows.
 * Weights are laid out row-major by feature: w[col * K + k], biases after the last feature.
 */
import { minimise } from "../../shared/routing/classifier/lbfgs";
import type { SparseRow } from "../../shared/routing/classifier/vectorize";

export interface SoftmaxOptions {
  /** L2 penalty per weight (biases are not penalised). */
  l2: number;
  maxIterations: number;
}

export function trainSoftmax(
  rows: readonly SparseRow[],
  labels: readonly number[],
  nFeatures: number,
  nClasses: number,
  opts: SoftmaxOptions,
): Float64Array {
  const K = nClasses;
  const nW = nFeatures * K;
  const w = new Float64Array(nW + K);
  const scores = new Float64Array(K);
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as SparseRow;
      const y = labels[r] ?? 0;
      for (let k = 0; k < K; k++) scores[k] = x[nW + k] ?? 0;
      for (let i = 0; i < row.cols.length; i++) {
        const base = (row.cols[i] ?? 0) * K;
        const v = row.values[i] ?? 0;
        for (let k = 0; k < K; k++) scores[k] = (scores[k] ?? 0) + v * (x[base + k] ?? 0);
      }
      const logZ = logSumExp(scores);
      loss += logZ - (scores[y] ?? 0);
      // scores become the residuals p_k - [k = y].
      for (let k = 0; k < K; k++) scores[k] = Math.exp((scores[k] ?? 0) - logZ) - (k === y ? 1 : 0);
      for (let i = 0; i < row.cols.length; i++) {
        const base = (row.cols[i] ?? 0) * K;
        const v = row.values[i] ?? 0;
        for (let k = 0; k < K; k++) g[base + k] = (g[base + k] ?? 0) + v * (scores[k] ?? 0);
      }
      for (let k = 0; k < K; k++) g[nW + k] = (g[nW + k] ?? 0) + (scores[k] ?? 0);
    }
    const n = rows.length;
    let penalty = 0;
    for (let j = 0; j < nW + K; j++) g[j] = (g[j] ?? 0) / n;
    for (let j = 0; j < nW; j++) {
      const wj = x[j] ?? 0;
      penalty += wj * wj;
      g[j] = (g[j] ?? 0) + opts.l2 * wj;
    }
    return loss / n + 0.5 * opts.l2 * penalty;
  };
  minimise(w, evaluate, { maxIterations: opts.maxIterations, tolerance: 1e-5, memory: 10 });
  return w;
}

export function logSumExp(v: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) m = Math.max(m, v[i] ?? -Infinity);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp((v[i] ?? 0) - m);
  return m + Math.log(s);
}
