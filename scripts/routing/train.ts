/**
 * npm run routing:train -- [--data <csv>] [--out <model.json>]
 * Trains the message classifier and writes the model file (default: the one the Workers import).
 */
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { serializeModel } from "../../shared/routing/classifier/model";
import { DEFAULT_TRAINING, trainModel } from "../../shared/routing/classifier/train";
import { MODEL_FILE, parseArgs, ROOT, readDataFile, resolvePath, runMain, TRAINING_FILE } from "./args";

runMain(() => {
  const args = parseArgs(process.argv.slice(2), ["data", "out"]);
  const dataFile = args.has("data") ? resolvePath(args.get("data") ?? "") : TRAINING_FILE;
  const outFile = args.has("out") ? resolvePath(args.get("out") ?? "") : MODEL_FILE;

  const started = performance.now();
  const rows = readDataFile(dataFile);
  const examples = rows.filter((r) => r.label !== "" && r.text !== "");
  console.log(
    `training on ${examples.length} labelled messages from ${path.relative(ROOT, dataFile)} (${rows.length - examples.length} rows without label or text skipped)`,
  );
  const json = trainModel(examples, DEFAULT_TRAINING);
  writeFileSync(outFile, `${serializeModel(json)}\n`);
  const t = json.training;
  console.log(`categories: ${json.categories.map((c) => `${c} ${t.perCategory[c] ?? 0}`).join(", ")}`);
  console.log(
    `inner ${DEFAULT_TRAINING.calibrationFolds}-fold CV (calibration folds): accuracy ${t.cvAccuracy.toFixed(4)}, macro-F1 ${t.cvMacroF1.toFixed(4)}`,
  );
  console.log(
    `auto-routing threshold ${json.threshold.toFixed(4)} keeps precision ≥ ${json.targetPrecision} on ${(t.cvCoverage * 100).toFixed(1)} % of messages`,
  );
  console.log(
    `${json.featureCount} features; wrote ${path.relative(ROOT, outFile)} (${(statSync(outFile).size / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});
