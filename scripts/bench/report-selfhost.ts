/** The self-hosted target's figures (bench/results JSON, `selfhost`) and its lines in the Markdown report. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BenchConfig } from "./config.ts";
import type { LoadResult } from "./load.ts";
import type { RateRun } from "./rate.ts";
import type { CpuPerCase } from "./selfhost.ts";
import { medianOf, round, sum } from "./stats.ts";

/**
 * Share of the VM's CPU the estimate lets the workload use: submissions bunch into office hours
 * and busy days, and the VM also runs nginx, the OS, backups and the cron sweeps, so a sizing that
 * needs the cores flat out all year round would be saturated at every peak.
 */
export const UTILISATION = 0.5;
const VM_CORES = 4;
const MS_PER_YEAR = 3600 * 24 * 365 * 1000;

export interface SelfhostMeasurements {
  pinning: string;
  loadAverages: { before: number[]; after: number[] };
  historyCases: number;
  cpu: CpuPerCase;
  loops: LoadResult[];
  rates: RateRun[];
  /** Drain waits that timed out: the next measurement then ran over leftover work. */
  drainTimeouts: number;
}

/** Medians over repetitions of p50 and p99. */
const latency = <T>(runs: T[], pick: (r: T) => { p50Ms: number; p99Ms: number }) => ({
  p50Ms: round(
    medianOf(runs, (r) => pick(r).p50Ms),
    1,
  ),
  p99Ms: round(
    medianOf(runs, (r) => pick(r).p99Ms),
    1,
  ),
});

export function selfhostFigures(config: BenchConfig, m: SelfhostMeasurements) {
  const { cpuMsPerCase } = m.cpu;
  // Cases a year one 4-core VM carries: 4 cores × 3600 × 24 × 365 × 1000 ms ÷ cpuMsPerCase × UTILISATION.
  const casesPerYear4Core = Math.round(((VM_CORES * MS_PER_YEAR) / cpuMsPerCase) * UTILISATION);
  const workerd = workerdVersion();
  return {
    workerd,
    pinning: m.pinning,
    loadAverages: m.loadAverages,
    historyCases: m.historyCases,
    drainTimeouts: m.drainTimeouts,
    intake: {
      rps: round(medianOf(m.loops, (r) => r.rps)),
      ...latency(m.loops, (r) => r),
      concurrency: config.concurrency,
      non2xx: sum(m.loops.map((r) => r.non2xx)),
      runs: m.loops.map((r) => round(r.rps)),
    },
    cpuMsPerCase,
    cpu: { cases: m.cpu.cases, wallSeconds: m.cpu.wallSeconds, drained: m.cpu.drained },
    routed: {
      ...latency(m.rates, (r) => r.pipelineVisible),
      rate: config.selfhostRate,
      samples: sum(m.rates.map((r) => r.pipelineVisible.samples)),
      unrouted: sum(m.rates.map((r) => r.pipelineVisible.unrouted)),
      // Submitted → assignment appended in the case object, every case, from D1's timestamps.
      inObject: latency(m.rates, (r) => r.pipelineInObject),
      intakeP99Ms: round(
        medianOf(m.rates, (r) => r.load.p99Ms),
        1,
      ),
      exactlyOnce: m.rates.every((r) => r.exactlyOnce.ok),
    },
    casesPerYear4Core,
    utilisation: UTILISATION,
    method:
      `npm run selfhost's build (scripts/selfhost/build.ts) served by workerd ${workerd} from npm as main.ts serves it (the platform Worker's D1, queues and limiter) on a fresh data directory, cities/pingliang.yaml loaded, ${m.historyCases.toLocaleString("en")} earlier cases in D1; ${m.pinning}; submissions carry X-Real-IP as nginx passes it. ` +
      `intake: closed loop at c=${config.concurrency}, ${config.seconds} s × ${config.reps}, median. ` +
      `cpuMsPerCase: ${m.cpu.cases} cases at c=${config.cpuConcurrency} after a warm-up, workerd's CPU (all threads, /proc) from the first submission until idle (every case routed, every queue empty) ÷ N; nginx and TLS in front are not counted; no cron fires during the phase (the sweep phase measures the sweep). ` +
      `routed: submitted → visible as assigned in D1, 1 in ${config.pipelineSampleEvery} cases polled every ${config.pipelinePollMs} ms, at ${config.selfhostRate} req/s open loop × ${config.rateSeconds} s × ${config.rateReps}. ` +
      `casesPerYear4Core = ${VM_CORES} cores × 3600 × 24 × 365 × 1000 ms ÷ cpuMsPerCase × ${UTILISATION} utilisation.`,
  };
}

export type SelfhostFigures = ReturnType<typeof selfhostFigures>;

function workerdVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve("workerd/package.json"), "utf8")) as { version: string }).version;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : "–");

/** Miniflare's figures from the same run, when there are any, go in brackets beside the self-hosted ones. */
export interface MiniflareFigures {
  intakeRps: number;
  cpuMsPerCase: number;
  routed: string;
}

export function selfhostMarkdown(s: SelfhostFigures, miniflare?: MiniflareFigures): string[] {
  const beside = (x: number | string | undefined) => (x === undefined ? "" : ` (Miniflare: ${x})`);
  return [
    "",
    `Self-hosted target (npm run selfhost's build on plain workerd ${s.workerd}; ${s.pinning}; load average before ${s.loadAverages.before.join(" ")}, after ${s.loadAverages.after.join(" ")}):`,
    "",
    "| measure | self-hosted |",
    "|---|---|",
    `| intake: POST /api/v1/cases (JSON), c=${s.intake.concurrency} | ${s.intake.rps} req/s${beside(miniflare && `${miniflare.intakeRps} req/s`)}, p50 ${ms(s.intake.p50Ms)}, p99 ${ms(s.intake.p99Ms)}, non-2xx ${s.intake.non2xx}, runs ${s.intake.runs.join(" / ")} |`,
    `| CPU per case (workerd, all threads, submitted → idle) | ${s.cpuMsPerCase} ms${beside(miniflare && `${miniflare.cpuMsPerCase} ms`)} over ${s.cpu.cases} cases, ${s.historyCases.toLocaleString("en")} earlier in D1${s.cpu.drained ? "" : ", NOT drained"} |`,
    `| submitted → routed at ${s.routed.rate} req/s (open loop; intake p99 ${ms(s.routed.intakeP99Ms)}) | visible p50 ${ms(s.routed.p50Ms)}, p99 ${ms(s.routed.p99Ms)}${beside(miniflare?.routed)}; in the case object p50 ${ms(s.routed.inObject.p50Ms)}, p99 ${ms(s.routed.inObject.p99Ms)} (${s.routed.samples} sampled, ${s.routed.unrouted} not routed in time; exactly once ${s.routed.exactlyOnce ? "yes" : "NO"}) |`,
    `| cases a year one 4-core VM carries | **${s.casesPerYear4Core.toLocaleString("en")}** = 4 cores × 3600 × 24 × 365 × 1000 ms ÷ ${s.cpuMsPerCase} ms × ${s.utilisation} utilisation |`,
    "",
    `Method: ${s.method}`,
  ];
}
