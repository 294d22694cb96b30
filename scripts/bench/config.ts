/**
 * Run settings. The full run is what the figures in the README come from; `--smoke` keeps every
 * phase but shrinks it to seconds, so CI can check the bench still runs end to end.
 */
export interface BenchConfig {
  smoke: boolean;
  /** Connections for every closed-loop phase: the ceiling and intake must share it for the ratio to mean anything. */
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  reps: number;
  /** The open-loop phase: requests per second, for how long, how many times. */
  rate: number;
  rateSeconds: number;
  rateReps: number;
  /** Every n-th accepted submission of the open-loop phase is watched until routed. */
  pipelineSampleEvery: number;
  pipelinePollMs: number;
  /** How long to wait for the pipeline to drain between phases before going on regardless. */
  drainTimeoutMs: number;
  /** Open-case counts for the deadline sweep benchmark (scripts/bench/sweep.ts). */
  sweepSizes: string;
  /** Case counts for the rollup and report benchmark (scripts/bench/rollups.ts). */
  rollupSizes: string;
  classifierSeconds: number;
  /** `--cpu-only` (npm run bench:cpu): just the per-case phases (CPU by stage, D1 per case). */
  cpuOnly: boolean;
  /** `--selfhost-only`: just the self-hosted target's phase (selfhost.ts). */
  selfhostOnly: boolean;
  /**
   * The self-hosted target's open-loop rate (req/s) for its routed latency: modest, well inside what
   * workerd on the one pinned server core carries here, so the figure is the pipeline's latency and
   * not a backlog's.
   */
  selfhostRate: number;
  /** Cases measured per CPU run, and their closed-loop concurrency. */
  cpuCases: number;
  cpuConcurrency: number;
  /** Cases counted through the D1-counting shim (d1-count.ts). */
  countCases: number;
  /** Earlier cases in D1 for the two history runs (small, large). */
  historySizes: [number, number];
  /** `--soak N`: only the soak (soak.ts), intake at `rate` for N seconds; 0 = no soak. */
  soakSeconds: number;
  /** `--import N`: only the board import (import.ts), N messages of the demo's generated year; 0 = none. */
  importCases: number;
  /** `--opinion N`: only the hot-issue analysis (opinion.ts) over N real messages in one month; 0 = none. */
  opinionMessages: number;
  /** `--interviews N`: only the 在线访谈 fan-out (interviews.ts), N WebSocket viewers; 0 = none. */
  interviewViewers: number;
  /** Answers pushed to them (`--interview-answers`), and how many a second (`--interview-rate`). */
  interviewAnswers: number;
  interviewRate: number;
}

const FULL: BenchConfig = {
  smoke: false,
  concurrency: 16,
  seconds: 10,
  warmupSeconds: 2,
  reps: 3,
  rate: 50,
  rateSeconds: 60,
  rateReps: 3,
  pipelineSampleEvery: 5,
  pipelinePollMs: 100,
  drainTimeoutMs: 600_000,
  sweepSizes: "10000,100000",
  rollupSizes: "10000,1000000",
  classifierSeconds: 2,
  cpuOnly: false,
  selfhostOnly: false,
  selfhostRate: 10,
  cpuCases: 300,
  cpuConcurrency: 8,
  countCases: 50,
  historySizes: [1_000, 100_000],
  soakSeconds: 0,
  importCases: 0,
  opinionMessages: 0,
  interviewViewers: 0,
  interviewAnswers: 50,
  interviewRate: 5,
};

/**
 * The soak's default rate (cases/s): a steady day's load for a city, and a few times below what one
 * pinned workerd core carries with the whole pipeline, so ten minutes of it measure leaks and lost
 * work rather than a growing backlog. `--rate` overrides it.
 */
export const SOAK_RATE = 8;

const SMOKE: BenchConfig = {
  ...FULL,
  smoke: true,
  seconds: 2,
  warmupSeconds: 0.5,
  reps: 1,
  rateSeconds: 3,
  rateReps: 1,
  drainTimeoutMs: 30_000,
  sweepSizes: "1000,10000",
  rollupSizes: "1000,10000",
  classifierSeconds: 0.5,
  cpuCases: 30,
  countCases: 20,
  historySizes: [1_000, 5_000],
};

const USAGE = `npm run bench -- [--smoke] [--cpu-only] [--selfhost-only] [--soak S] [--import N] [--opinion N] [--interviews N [--interview-answers M] [--interview-rate R]] [--selfhost-rate R] [--cpu-cases N] [--concurrency N] [--seconds S] [--reps N] [--rate R] [--rate-seconds S] [--rate-reps N] [--sweep-sizes a,b]`;

/** Flags override the chosen preset one by one, e.g. `--smoke --concurrency 32`. */
export function parseArgs(argv: readonly string[]): BenchConfig {
  const config: BenchConfig = {
    ...(argv.includes("--smoke") ? SMOKE : FULL),
    cpuOnly: argv.includes("--cpu-only"),
    selfhostOnly: argv.includes("--selfhost-only"),
  };
  const numeric: Record<
    string,
    | "concurrency"
    | "seconds"
    | "reps"
    | "rate"
    | "rateSeconds"
    | "rateReps"
    | "cpuCases"
    | "countCases"
    | "selfhostRate"
    | "soakSeconds"
    | "importCases"
    | "opinionMessages"
    | "interviewViewers"
    | "interviewAnswers"
    | "interviewRate"
  > = {
    "--cpu-cases": "cpuCases",
    "--count-cases": "countCases",
    "--concurrency": "concurrency",
    "--seconds": "seconds",
    "--reps": "reps",
    "--rate": "rate",
    "--rate-seconds": "rateSeconds",
    "--rate-reps": "rateReps",
    "--selfhost-rate": "selfhostRate",
    "--soak": "soakSeconds",
    "--import": "importCases",
    "--opinion": "opinionMessages",
    "--interviews": "interviewViewers",
    "--interview-answers": "interviewAnswers",
    "--interview-rate": "interviewRate",
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (flag === "--smoke" || flag === "--cpu-only" || flag === "--selfhost-only") continue;
    if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[++i];
    const key = numeric[flag];
    if (key && value !== undefined && Number(value) > 0) config[key] = Number(value);
    else if (flag === "--sweep-sizes" && value) config.sweepSizes = value;
    else throw new Error(`unknown or incomplete flag ${flag}\n${USAGE}`);
  }
  if (config.soakSeconds > 0 && !argv.includes("--rate")) config.rate = SOAK_RATE;
  return config;
}
