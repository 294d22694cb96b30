/**
 * npm run routing:bench -- [--data <csv>] [--model <model.json>] [--rounds <n>]
 * Single-threaded classification throughput of the shipped model, tokenising included. Each
 * round classifies every message once; the best round is reported next to the median because
 * this machine is shared and other jobs slow some rounds down, never speed one up.
 */
import { readFileSync } from "node:fs";
import { classify } from "../../shared/routing/classifier/classify";
import { loadModel } from "../../shared/routing/classifier/model";
import { MODEL_FILE, parseArgs, readDataFile, resolvePath, runMain, TRAINING_FILE } from "./args";

runMain(() => {
  const args = parseArgs(process.argv.slice(2), ["data", "model", "rounds"]);
  const texts = readDataFile(args.has("data") ? resolvePath(args.get("data") ?? "") : TRAINING_FILE).map((r) => r.text);
  const loadStart = performance.now();
  const model = loadModel(
    JSON.parse(readFileSync(args.has("model") ? resolvePath(args.get("model") ?? "") : MODEL_FILE, "utf8")),
  );
  const loadMs = performance.now() - loadStart;
  const rounds = Math.max(1, Number(args.get("rounds") ?? "20"));

  let checksum = 0;
  // Warm-up, so the JIT has compiled the hot loops as in an isolate that has served a few requests.
  for (let r = 0; r < 2; r++) for (const t of texts) checksum += classify(model, t)[0]?.confidence ?? 0;
  const rates: number[] = [];
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const t of texts) checksum += classify(model, t)[0]?.confidence ?? 0;
    rates.push(texts.length / ((performance.now() - start) / 1000));
  }
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rates.sort((a, b) => a - b);
  const best = rates[rates.length - 1] ?? 0;
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  console.log(
    `model load ${loadMs.toFixed(0)} ms; ${rounds} rounds × ${texts.length} messages (mean ${chars.toFixed(0)} chars), one thread`,
  );
  console.log(
    `best round ${Math.round(best)} messages/s (${(1e6 / best).toFixed(1)} µs each), median ${Math.round(median)}/s`,
  );
  console.log(
    `overall ${Math.round((rounds * texts.length) / wall)}/s wall-clock, ${Math.round((rounds * texts.length) / cpuSeconds)} per CPU-second (checksum ${checksum.toFixed(1)})`,
  );
});
