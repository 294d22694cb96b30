/**
 * npm run routing:eval -- [--data <csv>] [--model <model.json>] [--predictions <out.csv>] [--cv]
 * On the training file (or with --cv) every message is predicted by a model trained, with the
 * full training procedure, on the other 4 of 5 stratified folds; on any other file the shipped
 * model predicts. Prints quality and the coverage at the target precision.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { probabilities } from "../../shared/routing/classifier/classify";
import { stratifiedFolds } from "../../shared/routing/classifier/folds";
import { score, thresholdForPrecision } from "../../shared/routing/classifier/metrics";
import { loadModel } from "../../shared/routing/classifier/model";
import { DEFAULT_TRAINING, trainFromCounts } from "../../shared/routing/classifier/train";
import { countTerms, type TermCounts } from "../../shared/routing/classifier/vectorize";
import { isTrainingFile, MODEL_FILE, parseArgs, ROOT, readDataFile, resolvePath, runMain, TRAINING_FILE } from "./args";
import { printOperating, printScores } from "./report";

const FOLDS = 5;
/** Differs from the inner calibration seed so outer and inner splits are not aligned. */
const OUTER_SEED = 7;

runMain(() => {
  const args = parseArgs(process.argv.slice(2), ["data", "model", "predictions"], ["cv"]);
  const dataFile = args.has("data") ? resolvePath(args.get("data") ?? "") : TRAINING_FILE;
  const modelFile = args.has("model") ? resolvePath(args.get("model") ?? "") : MODEL_FILE;
  const crossValidate = args.has("cv") || isTrainingFile(dataFile);

  const started = performance.now();
  const rows = readDataFile(dataFile);
  let categories: string[];
  let probs: Float64Array[];
  if (crossValidate) {
    const opts = DEFAULT_TRAINING;
    const labelled = rows.map((r) => r.label !== "");
    if (!labelled.some(Boolean)) throw new Error("cross-validation needs labelled rows (一级标签)");
    categories = [...new Set(rows.filter((r) => r.label !== "").map((r) => r.label))].sort();
    const docs: TermCounts[] = rows.map((r) => countTerms(r.text, opts.tokenizer));
    const ids = rows.map((r) => categories.indexOf(r.label));
    const folds = stratifiedFolds(ids, FOLDS, OUTER_SEED);
    probs = rows.map(() => new Float64Array(categories.length));
    for (let f = 0; f < FOLDS; f++) {
      const train = rows.flatMap((_, i) => (folds[i] !== f && labelled[i] ? [i] : []));
      const json = trainFromCounts(
        train.map((i) => docs[i] as TermCounts),
        train.map((i) => rows[i]?.label ?? ""),
        opts,
      );
      const model = loadModel(json);
      const order = json.categories.map((c) => categories.indexOf(c));
      rows.forEach((r, i) => {
        if (folds[i] !== f) return;
        const p = probabilities(model, r.text);
        const full = new Float64Array(categories.length);
        order.forEach((k, m) => {
          full[k] = p[m] ?? 0;
        });
        probs[i] = full;
      });
      console.log(
        `fold ${f + 1}/${FOLDS}: trained on ${train.length}, predicted ${folds.filter((g) => g === f).length}`,
      );
    }
    console.log(
      `\n${FOLDS}-fold stratified cross-validation on ${path.relative(ROOT, dataFile)} (${rows.length} messages)\n`,
    );
  } else {
    const model = loadModel(JSON.parse(readFileSync(modelFile, "utf8")));
    categories = [...model.categories];
    for (const r of rows) if (r.label !== "" && !categories.includes(r.label)) categories.push(r.label);
    probs = rows.map((r) => {
      const p = probabilities(model, r.text);
      return Float64Array.from(categories, (_, k) => p[k] ?? 0);
    });
    console.log(
      `\nshipped model ${path.relative(ROOT, modelFile)} on ${path.relative(ROOT, dataFile)} (${rows.length} messages)\n`,
    );
  }

  const predicted = probs.map((p) => p.reduce((best, v, k) => (v > (p[best] ?? 0) ? k : best), 0));
  const confidence = probs.map((p, i) => p[predicted[i] ?? 0] ?? 0);
  const scored = rows.flatMap((r, i) => (r.label !== "" ? [i] : []));
  if (scored.length > 0) {
    const actual = scored.map((i) => categories.indexOf(rows[i]?.label ?? ""));
    const pred = scored.map((i) => predicted[i] ?? 0);
    printScores(score(actual, pred, categories.length), categories);
    const conf = scored.map((i) => confidence[i] ?? 0);
    const correct = pred.map((p, j) => p === actual[j]);
    printOperating(
      `precision ≥ ${DEFAULT_TRAINING.targetPrecision}`,
      thresholdForPrecision(conf, correct, DEFAULT_TRAINING.targetPrecision),
      scored.length,
    );
    if (!crossValidate) {
      const model = JSON.parse(readFileSync(modelFile, "utf8")) as { threshold: number };
      const routed = conf.map((c, j) => (c >= model.threshold ? j : -1)).filter((j) => j >= 0);
      const right = routed.filter((j) => correct[j]).length;
      console.log(
        `shipped threshold ${model.threshold.toFixed(4)}: routes ${((routed.length / scored.length) * 100).toFixed(1)} % automatically, precision ${routed.length ? (right / routed.length).toFixed(4) : "n/a"}`,
      );
    }
  } else {
    console.log("no 一级标签 in this file: predictions only");
  }

  if (args.has("predictions")) {
    const out = resolvePath(args.get("predictions") ?? "");
    const lines = rows.map(
      (r, i) => `${r.row},${csvField(categories[predicted[i] ?? 0] ?? "")},${(confidence[i] ?? 0).toFixed(6)}`,
    );
    writeFileSync(out, `${["row,predicted,confidence", ...lines].join("\n")}\n`);
    console.log(`wrote ${rows.length} predictions to ${out}`);
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
