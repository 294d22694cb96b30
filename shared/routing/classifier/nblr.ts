/**
 * Fits the one-vs-rest NB-weighted logistic regression ("NBSVM" with log-loss, Wang & Manning
 * 2012): each category's features are TF-IDF values scaled by |NB log-count ratio|^p for that
 * category, L2-normalised, then a binary logistic regression is trained. The NB scaling lets the
 * L2 penalty favour terms that are discriminative for the category; in 5-fold CV it lifted
 * macro-F1 from 0.898 (same one-vs-rest model on plain TF-IDF) to 0.906, ahead of softmax LR
 * on the same NB-scaled features (0.903) and naive Bayes (0.852–0.872).
 */
import { encodeSortedU32, muLawEncode, toBase64 } from "./codec";
import { trainLogistic } from "./logistic";
import { MODEL_FORMAT, type ModelJson } from "./model";
import type { TokenizerOptions } from "./tokenize";
import { documentFrequency, type SparseRow, type TermCounts, toColumns } from "./vectorize";

export interface FitOptions {
  /** Terms in fewer training messages are dropped: rare terms overfit and bloat the file. */
  minDf: number;
  /** Exponent on the NB ratio; 0 is plain TF-IDF logistic regression. */
  nbPower: number;
  l2: number;
  maxIterations: number;
}

/** Unquantised per-category parameters over the sorted kept term hashes. */
export interface FittedCore {
  hashes: Uint32Array;
  /** n × K, feature-major: idf_j · r_kj · w_kj. */
  weights: Float64Array;
  /** n × K: idf_j · r_kj. */
  norms: Float64Array;
  bias: number[];
}

export function fitCore(
  docs: readonly TermCounts[],
  labels: readonly number[],
  K: number,
  opts: FitOptions,
): FittedCore {
  const N = docs.length;
  const df = documentFrequency(docs);
  const kept: number[] = [];
  for (const [h, d] of df) if (d >= opts.minDf) kept.push(h);
  const hashes = Uint32Array.from(kept).sort();
  const vocab = new Map<number, number>();
  hashes.forEach((h, j) => {
    vocab.set(h, j);
  });
  const n = hashes.length;
  const idf = new Float64Array(n);
  for (let j = 0; j < n; j++) idf[j] = Math.log((1 + N) / (1 + (df.get(hashes[j] ?? 0) ?? 0))) + 1;

  // Per-category document counts of each term, for the NB log-count ratios.
  const rows = docs.map((d) => toColumns(d, vocab));
  const classDf = new Float64Array(n * K);
  const classSize = new Float64Array(K);
  rows.forEach((row, i) => {
    const y = labels[i] ?? 0;
    classSize[y] = (classSize[y] ?? 0) + 1;
    for (const c of row.cols) classDf[c * K + y] = (classDf[c * K + y] ?? 0) + 1;
    // Sublinear TF-IDF; the per-category scaling and normalisation come below.
    for (let t = 0; t < row.values.length; t++)
      row.values[t] = (1 + Math.log(row.values[t] ?? 1)) * (idf[row.cols[t] ?? 0] ?? 0);
  });

  const weights = new Float64Array(n * K);
  const norms = new Float64Array(n * K);
  const bias: number[] = [];
  for (let k = 0; k < K; k++) {
    const scale = new Float64Array(n);
    const nk = classSize[k] ?? 0;
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let q = 0; q < K; q++) total += classDf[j * K + q] ?? 0;
      const inClass = classDf[j * K + k] ?? 0;
      const ratio = Math.log((inClass + 1) / (nk + 2) / ((total - inClass + 1) / (N - nk + 2)));
      scale[j] = Math.abs(ratio) ** opts.nbPower;
    }
    const scaled = rows.map((row) => scaleRow(row, scale));
    const w = trainLogistic(
      scaled,
      labels.map((y) => y === k),
      n,
      { l2: opts.l2, maxIterations: opts.maxIterations },
    );
    for (let j = 0; j < n; j++) {
      const u = (idf[j] ?? 0) * (scale[j] ?? 0);
      norms[j * K + k] = u;
      weights[j * K + k] = u * (w[j] ?? 0);
    }
    bias.push(w[n] ?? 0);
  }
  return { hashes, weights, norms, bias };
}

function scaleRow(row: SparseRow, scale: Float64Array): SparseRow {
  const values = new Float32Array(row.values.length);
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const v = (row.values[i] ?? 0) * (scale[row.cols[i] ?? 0] ?? 0);
    values[i] = v;
    sq += v * v;
  }
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * inv;
  return { cols: row.cols, values };
}

export interface PackInfo {
  categories: string[];
  tokenizer: TokenizerOptions;
  calibration: ModelJson["calibration"];
  threshold: number;
  targetPrecision: number;
  training: ModelJson["training"];
}

/** Quantises a fitted core into the model file. */
export function packModel(core: FittedCore, info: PackInfo): ModelJson {
  const K = info.categories.length;
  const quantise = (m: Float64Array): { data: string; scales: number[] } => {
    const scales = new Array<number>(K).fill(0);
    for (let i = 0; i < m.length; i++) scales[i % K] = Math.max(scales[i % K] ?? 0, Math.abs(m[i] ?? 0));
    const bytes = new Uint8Array(m.length);
    for (let i = 0; i < m.length; i++) bytes[i] = muLawEncode(m[i] ?? 0, scales[i % K] ?? 0);
    return { data: toBase64(bytes), scales: scales.map(round6) };
  };
  const w = quantise(core.weights);
  const u = quantise(core.norms);
  return {
    format: MODEL_FORMAT,
    categories: info.categories,
    tokenizer: info.tokenizer,
    featureCount: core.hashes.length,
    hashes: toBase64(encodeSortedU32(core.hashes)),
    weights: w.data,
    weightScales: w.scales,
    norms: u.data,
    normScales: u.scales,
    bias: core.bias.map(round6),
    calibration: {
      slope: info.calibration.slope.map(round6),
      intercept: info.calibration.intercept.map(round6),
    },
    threshold: info.threshold,
    targetPrecision: info.targetPrecision,
    training: info.training,
  };
}

/** Six significant digits is far below the 8-bit weight error and keeps the JSON short. */
function round6(x: number): number {
  return Number(x.toPrecision(6));
}
