/**
 * Turns the measurements into the result: medians over repetitions, the ratios the targets are
 * stated in, the Markdown table printed at the end and the JSON written to bench/results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ApartFigures } from "./apart.ts";
import type { BenchConfig } from "./config.ts";
import type { ClassifierResult, RollupResult, SweepResult } from "./extras.ts";
import type { LoadResult } from "./load.ts";
import type { Rounds } from "./phases.ts";
import type { RateRun } from "./rate.ts";
import { type PerCaseFigures, perCaseTargets } from "./report-per-case.ts";
import type { SelfhostFigures } from "./report-selfhost.ts";
import { medianOf, round, sum } from "./stats.ts";

export interface Meta {
  when: string;
  commit: string;
  cpu: string;
  cores: number;
  node: string;
  wrangler: string;
  miniflare: string;
  workerd: string;
  compatibilityDate: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  pinning: string;
  seconds: number;
}

export interface Figure {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** requests/s of each repetition, to show the spread behind the median. */
  runs: number[];
}

function figure(runs: LoadResult[]): Figure {
  return {
    rps: round(medianOf(runs, (r) => r.rps)),
    p50Ms: round(
      medianOf(runs, (r) => r.p50Ms),
      2,
    ),
    p99Ms: round(
      medianOf(runs, (r) => r.p99Ms),
      2,
    ),
    non2xx: sum(runs.map((r) => r.non2xx)),
    errors: sum(runs.map((r) => r.errors)),
    runs: runs.map((r) => round(r.rps)),
  };
}

/** Median over repetitions of the per-repetition ratio: each pair shared the machine's mood. */
function ratio(a: LoadResult[], b: LoadResult[]): number {
  const pairs = a.map((x, i) => x.rps / (b[i]?.rps ?? Number.NaN));
  return round(
    medianOf(pairs, (x) => x),
    4,
  );
}

export function buildResult(
  meta: Meta,
  config: BenchConfig,
  rounds: Rounds,
  rate: RateRun[],
  sweep: SweepResult,
  rollups: RollupResult,
  classifier: ClassifierResult,
  notes: string[],
  perCase: PerCaseFigures,
  selfhost: SelfhostFigures,
  apart: ApartFigures,
) {
  const ceiling = { ...figure(rounds.hello), concurrency: config.concurrency, hono: figure(rounds.hono) };
  const intake = {
    ...figure(rounds.intake),
    concurrency: config.concurrency,
    ratio: ratio(rounds.intake, rounds.hello),
    ratioToHono: ratio(rounds.intake, rounds.hono),
    endpoint: "POST /api/v1/cases (JSON)",
  };
  // The architecture's own ceiling: intake ÷ a Worker that only creates a new object and writes a row.
  const doCeiling = {
    ...figure(rounds.doCeiling),
    concurrency: config.concurrency,
    intakeRatio: ratio(rounds.intake, rounds.doCeiling),
    endpoint: "POST to scripts/bench/workers/do-ceiling.ts: one new SQLite-backed durable object + one row per request",
  };
  const intakeForm = {
    ...figure(rounds.intakeForm),
    ratio: ratio(rounds.intakeForm, rounds.hello),
    endpoint: "POST /submit (form)",
  };
  const intakeRate = {
    targetRps: config.rate,
    seconds: config.rateSeconds,
    achievedRps: round(medianOf(rate, (r) => r.load.rps)),
    p50Ms: round(
      medianOf(rate, (r) => r.load.p50Ms),
      2,
    ),
    p99Ms: round(
      medianOf(rate, (r) => r.load.p99Ms),
      2,
    ),
    maxMs: round(
      medianOf(rate, (r) => r.load.maxMs),
      2,
    ),
    non2xx: sum(rate.map((r) => r.load.non2xx)),
    clientTimeouts: sum(rate.map((r) => r.load.errors)),
    generatorLagP99Ms: round(
      medianOf(rate, (r) => r.load.sendLagP99Ms),
      2,
    ),
    // Submitted → visible as assigned (the pipeline watch's p99), under the same load.
    routedP99Ms: round(
      medianOf(rate, (r) => r.pipelineVisible.p99Ms),
      0,
    ),
    drainMs: rate.map((r) => round(r.drainMs, 0)),
    exactlyOnce: { ok: rate.every((r) => r.exactlyOnce.ok), runs: rate.map((r) => r.exactlyOnce) },
    runs: rate.map((r) => ({ rps: round(r.load.rps), p99Ms: round(r.load.p99Ms, 2), statuses: r.load.statuses })),
  };
  const pipeline = {
    load: `${config.rate} req/s open loop`,
    p50Ms: round(
      medianOf(rate, (r) => r.pipelineVisible.p50Ms),
      1,
    ),
    p99Ms: round(
      medianOf(rate, (r) => r.pipelineVisible.p99Ms),
      1,
    ),
    samples: sum(rate.map((r) => r.pipelineVisible.samples)),
    unrouted: sum(rate.map((r) => r.pipelineVisible.unrouted)),
    resolutionMs: config.pipelinePollMs,
    publicViewCheck: rate.map((r) => r.publicView),
    inObject: {
      p50Ms: round(
        medianOf(rate, (r) => r.pipelineInObject.p50Ms),
        1,
      ),
      p99Ms: round(
        medianOf(rate, (r) => r.pipelineInObject.p99Ms),
        1,
      ),
      samples: sum(rate.map((r) => r.pipelineInObject.samples)),
    },
  };
  const publicRead = {
    caseView: { ...figure(rounds.caseView), endpoint: "GET /api/v1/cases/{trackingNo}" },
    board: { ...figure(rounds.board), endpoint: "GET /" },
    cache:
      "case JSON and board read D1 on every request; the widget JSON is kept in the isolate for 5 s and answered before routing",
  };
  const widget = {
    ...figure(rounds.widget),
    ratio: ratio(rounds.widget, rounds.hello),
    endpoint: "GET /api/v1/widget/cases/{trackingNo}, one popular case (kept in the isolate)",
    miss: {
      ...figure(rounds.widgetMiss),
      ratio: ratio(rounds.widgetMiss, rounds.hello),
      endpoint: "a URL never seen before (miss: routing and D1 reads)",
    },
  };
  const targets = [
    {
      name: "intake ≥ 0.5 × hello-world ceiling (same concurrency)",
      target: 0.5,
      actual: intake.ratio,
      met: intake.ratio >= 0.5,
    },
    {
      name: "intake ≥ 0.7 × the durable-object ceiling (same concurrency)",
      target: 0.7,
      actual: doCeiling.intakeRatio,
      met: doCeiling.intakeRatio >= 0.7,
    },
    {
      name: "widget endpoint ≥ 0.8 × hello-world ceiling on cache hits",
      target: 0.8,
      actual: widget.ratio,
      met: widget.ratio >= 0.8,
    },
    ...rollupTargets(rollups),
    ...perCaseTargets(perCase),
    {
      name: `as production runs it (intake apart from the consumers): p99 ≤ 100 ms at ${config.rate} req/s`,
      target: 100,
      actual: apart.p99Ms,
      met: apart.p99Ms <= 100 && apart.clientTimeouts === 0,
      lowerIsBetter: true,
    },
    {
      name: `as production runs it: submitted → routed p99 ≤ 2 s at ${config.rate} req/s`,
      target: 2000,
      actual: apart.routedP99Ms,
      met: apart.routedP99Ms <= 2000,
      lowerIsBetter: true,
    },
    {
      name: `submitted → routed p99 ≤ 2 s at ${config.rate} req/s (single workerd)`,
      target: 2000,
      actual: intakeRate.routedP99Ms,
      met: intakeRate.routedP99Ms <= 2000,
      lowerIsBetter: true,
    },
    {
      name: `p99 ≤ 100 ms at ${config.rate} req/s (open loop)`,
      target: 100,
      actual: intakeRate.p99Ms,
      met: intakeRate.p99Ms <= 100 && intakeRate.clientTimeouts === 0,
      lowerIsBetter: true,
    },
  ];
  return {
    meta,
    config,
    ...perCase,
    doCeiling,
    ceiling,
    intake,
    intakeForm,
    // Latency as production runs it: intake apart from the consumers (apart.ts); intakeRate above is
    // the single-workerd figure beside it.
    intakeRateApart: apart,
    intakeRate,
    pipeline,
    publicRead,
    sweep,
    rollups,
    classifier,
    widget,
    selfhost,
    targets,
    notes,
  };
}

/** Flat: the largest size costs at most 1.5 × the smallest; the report for the largest renders under a second. */
function rollupTargets(rollups: RollupResult) {
  const [small, large] = [rollups.rows[0], rollups.rows.at(-1)];
  if (!small || !large || small === large) return [];
  const growth = round(large.eventMedianMs / small.eventMedianMs, 2);
  return [
    {
      name: `one event's rollup flat from ${small.cases.toLocaleString("en")} to ${large.cases.toLocaleString("en")} cases (≤ 1.5 × growth)`,
      target: 1.5,
      actual: growth,
      met: growth <= 1.5,
      lowerIsBetter: true,
    },
    {
      name: `monthly report data for ${large.cases.toLocaleString("en")} cases under 1,000 ms`,
      target: 1000,
      actual: round(large.reportMedianMs, 1),
      met: large.reportMedianMs <= 1000,
      lowerIsBetter: true,
    },
  ];
}

export type BenchResult = ReturnType<typeof buildResult>;

/**
 * bench/results/latest.json plus a copy named by commit, `<sha>.json`. A smoke run writes
 * latest-smoke.json and `<sha>-smoke.json` instead, so it never replaces a full run's figures.
 */
export function writeResult(rootDir: string, r: BenchResult): string[] {
  const dir = path.join(rootDir, "bench/results");
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const suffix = r.config.smoke ? "-smoke" : "";
  const files = [path.join(dir, `latest${suffix}.json`), path.join(dir, `${r.meta.commit}${suffix}.json`)];
  for (const f of files) writeFileSync(f, json);
  return files;
}
