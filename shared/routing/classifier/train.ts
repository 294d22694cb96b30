/**
 * Training: fit the NB-weighted logistic regression, calibrate it on out-of-fold scores from an
 * inner stratified cross-validation, pick the confidence threshold that keeps the target
 * precision in that cross-validation, then fit the shipped weights on all examples.
 * Pure TypeScript, so the platform could also retrain from its own dispatcher decisions.
 */

import { fitPlatt } from "./calibrate";
import { calibrated, rawScoresFromCounts } from "./classify";
import { stratifiedFolds } from "./folds";
import { score, thresholdForPrecision } from "./metrics";
import { loadModel, type ModelJson } from "./model";
import { type FitOptions, fitCore, type PackInfo, packModel } from "./nblr";
import { DEFAULT_TOKENIZER, type TokenizerOptions } from "./tokenize";
import { countTerms, type TermCounts } from "./vectorize";

export interface TrainOptions extends FitOptions {
  tokenizer: TokenizerOptions;
  /** Folds of the inner cross-validation that calibrates confidences. */
  calibrationFolds: number;
  targetPrecision: number;
  seed: number;
}

/** Chosen by 5-fold CV on messages-train.csv (see scripts/routing/compare.ts). */
export const DEFAULT_TRAINING: TrainOptions = {
  tokenizer: DEFAULT_TOKENIZER,
  minDf: 5,
  nbPower: 0.5,
  l2: 3e-6,
  maxIterations: 300,
  calibrationFolds: 5,
  targetPrecision: 0.97,
  seed: 20200,
};

export interface Example {
  text: string;
  label: string;
}

export function trainModel(examples: readonly Example[], options: Partial<TrainOptions> = {}): ModelJson {
  const opts = { ...DEFAULT_TRAINING, ...options };
  const docs = examples.map((e) => countTerms(e.text, opts.tokenizer));
  return trainFromCounts(
    docs,
    examples.map((e) => e.label),
    opts,
  );
}

/** As trainModel, on messages already turned into term counts with opts.tokenizer. */
export function trainFromCounts(
  docs: readonly TermCounts[],
  labelNames: readonly string[],
  opts: TrainOptions,
): ModelJson {
  const categories = [...new Set(labelNames)].sort();
  if (categories.length < 2) throw new Error("training needs at least two categories");
  const K = categories.length;
  const labels = labelNames.map((l) => categories.indexOf(l));
  const perCategory: Record<string, number> = {};
  for (const l of labelNames) perCategory[l] = (perCategory[l] ?? 0) + 1;
  const base: PackInfo = {
    categories,
    tokenizer: opts.tokenizer,
    calibration: { slope: new Array<number>(K).fill(1), intercept: new Array<number>(K).fill(0) },
    threshold: Infinity,
    targetPrecision: opts.targetPrecision,
    training: { messages: docs.length, perCategory, cvAccuracy: 0, cvMacroF1: 0, cvCoverage: 0 },
  };

  // Out-of-fold raw scores, computed through the quantised model exactly as it will be served.
  const folds = stratifiedFolds(labels, opts.calibrationFolds, opts.seed);
  const oof: Float64Array[] = docs.map(() => new Float64Array(K));
  for (let f = 0; f < opts.calibrationFolds; f++) {
    const trainIdx = folds.flatMap((g, i) => (g === f ? [] : [i]));
    if (trainIdx.length === docs.length) continue;
    const core = fitCore(
      trainIdx.map((i) => docs[i] as TermCounts),
      trainIdx.map((i) => labels[i] ?? 0),
      K,
      opts,
    );
    const model = loadModel(packModel(core, base));
    folds.forEach((g, i) => {
      if (g === f) oof[i] = rawScoresFromCounts(model, docs[i] as TermCounts);
    });
  }

  const platt = categories.map((_, k) =>
    fitPlatt(
      oof.map((z) => z[k] ?? 0),
      labels.map((y) => y === k),
    ),
  );
  const calibration = { slope: platt.map((p) => p.slope), intercept: platt.map((p) => p.intercept) };
  const predicted: number[] = [];
  const confidence: number[] = [];
  for (const z of oof) {
    const p = calibrated(calibration, z);
    let best = 0;
    for (let k = 1; k < K; k++) if ((p[k] ?? 0) > (p[best] ?? 0)) best = k;
    predicted.push(best);
    confidence.push(p[best] ?? 0);
  }
  const cv = score(labels, predicted, K);
  const op = thresholdForPrecision(
    confidence,
    predicted.map((p, i) => p === labels[i]),
    opts.targetPrecision,
  );

  const core = fitCore(docs, labels, K, opts);
  return packModel(core, {
    ...base,
    calibration,
    // JSON has no Infinity; a threshold above every probability means "never route automatically".
    threshold: Number.isFinite(op.threshold) ? op.threshold : 2,
    training: {
      ...base.training,
      cvAccuracy: round4(cv.accuracy),
      cvMacroF1: round4(cv.macroF1),
      cvCoverage: round4(op.coverage),
    },
  });
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
