/**
 * Phases that need no HTTP platform: the deadline sweep (the existing `bench:sweep`, re-run at
 * small sizes) and the routing classifier's throughput on one core.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { PLACES, TEMPLATES } from "../../shared/demo/demo-texts.ts";
import { root } from "./build.ts";
import { median } from "./stats.ts";

const run = promisify(execFile);

export interface SweepResult {
  sizes: string;
  floorMedianMs: number | null;
  plan: string | null;
  rows: { openCases: number; dueCases: number; pageRows: number; medianMs: number; p90Ms: number }[];
  note: string;
}

/**
 * sweep.ts is a script, not a module (it runs on import), so it runs as its own process with
 * SWEEP_SIZES; its own workerd then has the machine to itself. It writes bench/results/sweep.json:
 * read that, then put back whatever a full `npm run bench:sweep` had left there.
 */
export async function sweepPhase(sizes: string): Promise<SweepResult> {
  const file = path.join(root, "bench/results/sweep.json");
  const previous = existsSync(file) ? readFileSync(file, "utf8") : null;
  try {
    await run(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench/sweep.ts")], {
      cwd: root,
      env: { ...process.env, SWEEP_SIZES: sizes },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 15 * 60_000,
    });
    const out = JSON.parse(readFileSync(file, "utf8")) as {
      floor?: { medianMs?: number };
      plan?: string;
      rows?: SweepResult["rows"];
    };
    return {
      sizes,
      floorMedianMs: out.floor?.medianMs ?? null,
      plan: out.plan ?? null,
      rows: out.rows ?? [],
      note: "scripts/bench/sweep.ts: median time of the sweep's first-page query (1,000 due cases) through wrangler's getPlatformProxy",
    };
  } catch (error) {
    return { sizes, floorMedianMs: null, plan: null, rows: [], note: `sweep failed: ${String(error).slice(0, 300)}` };
  } finally {
    if (previous !== null) writeFileSync(file, previous);
    else rmSync(file, { force: true });
  }
}

export interface RollupResult {
  sizes: string;
  rows: {
    cases: number;
    appliedEvents: number;
    cells: number;
    eventMedianMs: number;
    eventP90Ms: number;
    reportMedianMs: number;
    reportP90Ms: number;
    departments: number;
  }[];
  note: string;
}

/** rollups.ts, like sweep.ts, runs as its own process and writes bench/results/rollups.json. */
export async function rollupPhase(sizes: string): Promise<RollupResult> {
  const file = path.join(root, "bench/results/rollups.json");
  const previous = existsSync(file) ? readFileSync(file, "utf8") : null;
  try {
    await run(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench/rollups.ts")], {
      cwd: root,
      env: { ...process.env, ROLLUP_SIZES: sizes },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    const out = JSON.parse(readFileSync(file, "utf8")) as { rows?: RollupResult["rows"] };
    return {
      sizes,
      rows: out.rows ?? [],
      note: "scripts/bench/rollups.ts: one event's guarded rollup batch, and the monthly report's data (both rankings, 12-month trend), through wrangler's getPlatformProxy",
    };
  } catch (error) {
    return { sizes, rows: [], note: `rollups failed: ${String(error).slice(0, 300)}` };
  } finally {
    if (previous !== null) writeFileSync(file, previous);
    else rmSync(file, { force: true });
  }
}

export interface ClassifierResult {
  perSecond: number | null;
  messages: number;
  note: string;
}

/** Messages like citizens write them: every demo template in every demo place. */
function sampleTexts(): string[] {
  const places = Object.values(PLACES).flat();
  return Object.values(TEMPLATES)
    .flat()
    .flatMap((t) => places.map((p) => `${t.title.replaceAll("{place}", p)}\n${t.body.replaceAll("{place}", p)}`));
}

/**
 * Another change is building the classifier: it is measured only if shared/routing/classifier/
 * exports `classify` and `loadModel` and a model.json exists. Loaded dynamically so this file
 * type-checks whatever that module's state.
 */
export async function classifierPhase(seconds: number): Promise<ClassifierResult> {
  const dir = path.join(root, "shared/routing/classifier");
  const files = ["classify.ts", "model.ts", "model.json"].map((f) => path.join(dir, f));
  if (!files.every((f) => existsSync(f)))
    return {
      perSecond: null,
      messages: 0,
      note: "no classifier yet (shared/routing/classifier/{classify.ts,model.ts,model.json})",
    };
  try {
    const [classifyMod, modelMod] = (await Promise.all(
      files.slice(0, 2).map((f) => import(pathToFileURL(f).href)),
    )) as Record<string, unknown>[];
    const classify = classifyMod?.classify;
    const loadModel = modelMod?.loadModel;
    if (typeof classify !== "function" || typeof loadModel !== "function") {
      return { perSecond: null, messages: 0, note: "shared/routing/classifier exports no classify/loadModel" };
    }
    const model: unknown = loadModel(JSON.parse(readFileSync(path.join(dir, "model.json"), "utf8")));
    const texts = sampleTexts();
    // Warm-up, as an isolate that has served a few requests would be.
    for (const t of texts) classify(model, t);
    const rates: number[] = [];
    const end = performance.now() + seconds * 1000;
    let total = 0;
    do {
      const t0 = performance.now();
      for (const t of texts) classify(model, t);
      rates.push(texts.length / ((performance.now() - t0) / 1000));
      total += texts.length;
    } while (performance.now() < end || rates.length < 3);
    return {
      perSecond: median(rates),
      messages: total,
      note: `median of ${rates.length} rounds over ${texts.length} demo messages, one thread, tokenising included`,
    };
  } catch (error) {
    return { perSecond: null, messages: 0, note: `classifier failed: ${String(error).slice(0, 200)}` };
  }
}
