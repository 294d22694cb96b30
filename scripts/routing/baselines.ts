/**
 * The alternatives the shipped model was chosen against, for scripts/routing/compare.ts:
 * multinomial and complement naive Bayes, and softmax logistic regression on TF-IDF with or
 * without NB scaling. Each returns raw per-category scores for the held-out messages.
 */
import {
  documentFrequency,
  type SparseRow,
  type TermCounts,
  toColumns,
} from "../../shared/routing/classifier/vectorize";
import { logSumExp, trainSoftmax } from "./softmax";

export type Scorer = (
  docs: readonly TermCounts[],
  labels: readonly number[],
  K: number,
  train: readonly number[],
  test: readonly number[],
) => Float64Array[];

function vocabulary(
  docs: readonly TermCounts[],
  train: readonly number[],
  minDf: number,
): { vocab: Map<number, number>; df: number[] } {
  const df = documentFrequency(train.map((i) => docs[i] as TermCounts));
  const vocab = new Map<number, number>();
  const dfs: number[] = [];
  for (const [h, d] of df) {
    if (d < minDf) continue;
    vocab.set(h, vocab.size);
    dfs.push(d);
  }
  return { vocab, df: dfs };
}

function linearScores(
  rows: readonly SparseRow[],
  test: readonly number[],
  w: Float64Array,
  V: number,
  K: number,
  prior?: Float64Array,
): Float64Array[] {
  return test.map((i) => {
    const r = rows[i] as SparseRow;
    const s = Float64Array.from({ length: K }, (_, k) => prior?.[k] ?? w[V * K + k] ?? 0);
    for (let j = 0; j < r.cols.length; j++) {
      const v = r.values[j] ?? 0;
      const base = (r.cols[j] ?? 0) * K;
      for (let k = 0; k < K; k++) s[k] = (s[k] ?? 0) + v * (w[base + k] ?? 0);
    }
    return s;
  });
}

/** Multinomial (or complement) naive Bayes on log(1 + tf), additive smoothing alpha. */
export const naiveBayes =
  (alpha: number, complement: boolean): Scorer =>
  (docs, labels, K, train, test) => {
    const { vocab } = vocabulary(docs, train, 1);
    const V = vocab.size;
    const rows = docs.map((d) => {
      const r = toColumns(d, vocab);
      for (let i = 0; i < r.values.length; i++) r.values[i] = Math.log1p(r.values[i] ?? 0);
      return r;
    });
    const count = new Float64Array(V * K);
    const total = new Float64Array(K);
    const prior = new Float64Array(K);
    for (const i of train) {
      const y = labels[i] ?? 0;
      prior[y] = (prior[y] ?? 0) + 1;
      const r = rows[i] as SparseRow;
      r.cols.forEach((c, j) => {
        count[c * K + y] = (count[c * K + y] ?? 0) + (r.values[j] ?? 0);
        total[y] = (total[y] ?? 0) + (r.values[j] ?? 0);
      });
    }
    const all = total.reduce((a, b) => a + b, 0);
    const w = new Float64Array(V * K);
    for (let j = 0; j < V; j++) {
      let rowSum = 0;
      for (let k = 0; k < K; k++) rowSum += count[j * K + k] ?? 0;
      for (let k = 0; k < K; k++) {
        const c = count[j * K + k] ?? 0;
        w[j * K + k] = complement
          ? -Math.log((rowSum - c + alpha) / (all - (total[k] ?? 0) + alpha * V))
          : Math.log((c + alpha) / ((total[k] ?? 0) + alpha * V));
      }
    }
    const logPrior = prior.map((p) => (complement ? 0 : Math.log(p / train.length)));
    return linearScores(rows, test, w, V, K, logPrior);
  };

/** Softmax regression on sublinear TF-IDF, L2-normalised; nbPower > 0 scales each term by
 * max over categories of |NB log-count ratio|^nbPower (one scaling shared by all categories). */
export const softmaxTfidf =
  (l2: number, minDf: number, nbPower: number): Scorer =>
  (docs, labels, K, train, test) => {
    const { vocab, df } = vocabulary(docs, train, minDf);
    const V = vocab.size;
    const N = train.length;
    const rows = docs.map((d) => toColumns(d, vocab));
    const scale = new Float64Array(V).fill(1);
    if (nbPower > 0) {
      const classDf = new Float64Array(V * K);
      const size = new Float64Array(K);
      for (const i of train) {
        const y = labels[i] ?? 0;
        size[y] = (size[y] ?? 0) + 1;
        for (const c of (rows[i] as SparseRow).cols) classDf[c * K + y] = (classDf[c * K + y] ?? 0) + 1;
      }
      for (let j = 0; j < V; j++) {
        let m = 0;
        for (let k = 0; k < K; k++) {
          const inK = classDf[j * K + k] ?? 0;
          const p = (inK + 1) / ((size[k] ?? 0) + 2);
          const q = ((df[j] ?? 0) - inK + 1) / (N - (size[k] ?? 0) + 2);
          m = Math.max(m, Math.abs(Math.log(p / q)));
        }
        scale[j] = m ** nbPower;
      }
    }
    for (const r of rows) {
      let sq = 0;
      for (let i = 0; i < r.cols.length; i++) {
        const c = r.cols[i] ?? 0;
        const v = (1 + Math.log(r.values[i] ?? 1)) * (Math.log((1 + N) / (1 + (df[c] ?? 0))) + 1) * (scale[c] ?? 1);
        r.values[i] = v;
        sq += v * v;
      }
      const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
      for (let i = 0; i < r.values.length; i++) r.values[i] = (r.values[i] ?? 0) * inv;
    }
    const w = trainSoftmax(
      train.map((i) => rows[i] as SparseRow),
      train.map((i) => labels[i] ?? 0),
      V,
      K,
      { l2, maxIterations: 300 },
    );
    return linearScores(rows, test, w, V, K);
  };

/** Softmax with temperature T, as log-probabilities. */
export function logSoftmax(scores: Float64Array, T: number): Float64Array {
  const t = scores.map((v) => v / T);
  const z = logSumExp(t);
  return t.map((v) => v - z);
}
