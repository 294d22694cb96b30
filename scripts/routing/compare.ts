/**
 * npx tsx scripts/routing/compare.ts [--data <csv>] [--only <name,...>]
 * Reproduces the model choice: every alternative is scored by the same stratified 5-fold split
 * as routing:eval. Calibrators (one softmax temperature, or per-category Platt scaling) are fitted
 * on the pooled out-of-fold scores here, which flatters all rows alike; routing:eval fits the
 * shipped model's calibration inside each training fold instead.
 */
import { fitPlatt } from "../../shared/routing/classifier/calibrate";
import { calibrated, rawScoresFromCounts } from "../../shared/routing/classifier/classify";
import { stratifiedFolds } from "../../shared/routing/classifier/folds";
import { score, thresholdForPrecision } from "../../shared/routing/classifier/metrics";
import { loadModel } from "../../shared/routing/classifier/model";
import { fitCore, packModel } from "../../shared/routing/classifier/nblr";
import { DEFAULT_TOKENIZER, type TokenizerOptions } from "../../shared/routing/classifier/tokenize";
import { DEFAULT_TRAINING } from "../../shared/routing/classifier/train";
import { countTerms, type TermCounts } from "../../shared/routing/classifier/vectorize";
import { parseArgs, readDataFile, resolvePath, TRAINING_FILE } from "./args";
import { logSoftmax, naiveBayes, type Scorer, softmaxTfidf } from "./baselines";

const args = parseArgs(process.argv.slice(2), ["data", "only"]);
const rows = readDataFile(args.has("data") ? resolvePath(args.get("data") ?? "") : TRAINING_FILE).filter(
  (r) => r.label !== "",
);
const categories = [...new Set(rows.map((r) => r.label))].sort();
const K = categories.length;
const labels = rows.map((r) => categories.indexOf(r.label));
const folds = stratifiedFolds(labels, 5, 7);
const only = args.get("only")?.split(",");

/** The shipped model without calibration: raw one-vs-rest scores from the quantised model. */
const nbLogistic =
  (nbPower: number): Scorer =>
  (docs, y, k, train, test) => {
    const opts = { ...DEFAULT_TRAINING, nbPower };
    const core = fitCore(
      train.map((i) => docs[i] as TermCounts),
      train.map((i) => y[i] ?? 0),
      k,
      opts,
    );
    const info = { categories, tokenizer: DEFAULT_TOKENIZER, threshold: 2, targetPrecision: 0.97 };
    const identity = { slope: new Array<number>(k).fill(1), intercept: new Array<number>(k).fill(0) };
    const training = { messages: train.length, perCategory: {}, cvAccuracy: 0, cvMacroF1: 0, cvCoverage: 0 };
    const model = loadModel(packModel(core, { ...info, calibration: identity, training }));
    return test.map((i) => rawScoresFromCounts(model, docs[i] as TermCounts));
  };

const plainChars: TokenizerOptions = { ...DEFAULT_TOKENIZER, wordChars: 0, titleChars: 0, gramChars: 1e9 };
// The last field says whether scores are one-vs-rest logits, which Platt scaling takes as they
// are; a multiclass model's scores mean something only relative to each other, so Platt gets
// its log-probabilities instead.
const candidates: [string, TokenizerOptions, Scorer, boolean?][] = [
  ["MNB, plain char 1-3-grams", plainChars, naiveBayes(0.1, false)],
  ["MNB, full terms", DEFAULT_TOKENIZER, naiveBayes(0.1, false)],
  ["CNB, full terms", DEFAULT_TOKENIZER, naiveBayes(0.3, true)],
  ["softmax LR, plain char TF-IDF", plainChars, softmaxTfidf(3e-6, 2, 0)],
  ["softmax LR, TF-IDF", DEFAULT_TOKENIZER, softmaxTfidf(3e-6, 5, 0)],
  ["softmax LR, NB-scaled TF-IDF", DEFAULT_TOKENIZER, softmaxTfidf(3e-6, 5, 0.5)],
  ["one-vs-rest LR, TF-IDF", DEFAULT_TOKENIZER, nbLogistic(0), true],
  ["one-vs-rest LR, no word terms", { ...DEFAULT_TOKENIZER, wordChars: 0 }, nbLogistic(0.5), true],
  ["one-vs-rest LR, no title terms", { ...DEFAULT_TOKENIZER, titleChars: 0 }, nbLogistic(0.5), true],
  ["one-vs-rest NB-LR (shipped)", DEFAULT_TOKENIZER, nbLogistic(0.5), true],
];

const featurised = new Map<string, TermCounts[]>();
console.log(`${rows.length} messages, stratified 5-fold CV; coverage = share routed at ≥ 0.97 precision\n`);
console.log(`${"model".padEnd(34)}accuracy  macro-F1 | temperature: cov   NLL | Platt: macro-F1  cov   NLL |  time`);
for (const [name, tokenizer, scorer, oneVsRest] of candidates) {
  if (only && !only.some((o) => name.includes(o))) continue;
  const key = JSON.stringify(tokenizer);
  const docs = featurised.get(key) ?? rows.map((r) => countTerms(r.text, tokenizer));
  featurised.set(key, docs);
  const started = performance.now();
  const oof: Float64Array[] = rows.map(() => new Float64Array(K));
  for (let f = 0; f < 5; f++) {
    const train = labels.flatMap((_, i) => (folds[i] === f ? [] : [i]));
    const test = labels.flatMap((_, i) => (folds[i] === f ? [i] : []));
    scorer(docs, labels, K, train, test).forEach((s, j) => {
      oof[test[j] ?? 0] = s;
    });
  }
  const raw = evaluate(oof.map((s) => logSoftmax(s, 1)));
  const T = fitTemperature(oof);
  const temp = evaluate(oof.map((s) => logSoftmax(s, T)));
  const plattInput = oneVsRest ? oof : oof.map((s) => logSoftmax(s, 1));
  const platt = categories.map((_, k) =>
    fitPlatt(
      plattInput.map((s) => s[k] ?? 0),
      labels.map((y) => y === k),
    ),
  );
  const cal = { slope: platt.map((p) => p.slope), intercept: platt.map((p) => p.intercept) };
  const pl = evaluate(plattInput.map((s) => calibrated(cal, s).map(Math.log)));
  const secs = (performance.now() - started) / 1000;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);
  console.log(
    `${name.padEnd(34)}${raw.accuracy.toFixed(4)}    ${raw.macroF1.toFixed(4)} |     T=${T.toFixed(2).padEnd(5)}${pct(temp.coverage)} ${temp.nll.toFixed(3)} |    ${pl.macroF1.toFixed(4)} ${pct(pl.coverage)} ${pl.nll.toFixed(3)} | ${secs.toFixed(0).padStart(4)} s`,
  );
}

/** Argmax quality, coverage at 0.97 precision and log-loss of per-message log-probabilities. */
function evaluate(logp: Float64Array[]): { accuracy: number; macroF1: number; coverage: number; nll: number } {
  const pred = logp.map((p) => p.reduce((b, v, k) => (v > (p[b] ?? -Infinity) ? k : b), 0));
  const s = score(labels, pred, K);
  const conf = logp.map((p, i) => Math.exp(p[pred[i] ?? 0] ?? -Infinity));
  const op = thresholdForPrecision(
    conf,
    pred.map((p, i) => p === labels[i]),
    0.97,
  );
  const nll = -logp.reduce((t, p, i) => t + Math.max(-50, p[labels[i] ?? 0] ?? -50), 0) / logp.length;
  return { accuracy: s.accuracy, macroF1: s.macroF1, coverage: op.coverage, nll };
}

/** The softmax temperature minimising out-of-fold log-loss (golden-section search on log T). */
function fitTemperature(scores: Float64Array[]): number {
  const nll = (logT: number): number =>
    -scores.reduce((t, s, i) => t + (logSoftmax(s, Math.exp(logT))[labels[i] ?? 0] ?? 0), 0);
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  for (let i = 0; i < 80; i++) {
    const a = hi - (hi - lo) / 1.618;
    const b = lo + (hi - lo) / 1.618;
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
