/**
 * The self-hosted phase: the same measurements as on Miniflare, against `npm run selfhost` (plain
 * workerd, the platform Worker's D1, queues, cron and limiter) on a fresh data directory with the
 * city loaded — what a city's 政务云 VM would run. In order: the small history (as the per-case
 * phases have), a warm-up, CPU per case (N cases closed loop, workerd's CPU until idle ÷ N),
 * intake in closed loop at the bench's concurrency, then the open-loop rate with submitted →
 * routed latency. Submissions carry the client's address in X-Real-IP, as nginx in front passes it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import type { BenchConfig } from "./config.ts";
import { waitIdle } from "./d1.ts";
import { fillHistory } from "./history.ts";
import { closedLoop, type LoadResult } from "./load.ts";
import type { RunState } from "./phases.ts";
import { submitCases, waitPipelineIdle, workerdCpuMs } from "./pipeline.ts";
import { type RateRun, ratePhase } from "./rate.ts";
import { behindProxy, jsonSubmission, runTag } from "./requests.ts";
import { type SelfhostServer, startSelfhostServer } from "./selfhost-server.ts";
import { pin, unpin } from "./serve.ts";
import { medianOf, round } from "./stats.ts";

/**
 * Share of the VM's CPU the estimate lets the workload use: submissions bunch into office hours
 * and a busy day, and the VM also runs nginx, the OS, backups and the cron sweeps, so a sizing
 * that needs the cores flat out all year would be saturated at every peak.
 */
export const UTILISATION = 0.5;
const VM_CORES = 4;
const MS_PER_YEAR = 3600 * 24 * 365 * 1000;

export interface SelfhostFigures {
  workerd: string;
  pinning: string;
  historyCases: number;
  intake: { rps: number; p50Ms: number; p99Ms: number; concurrency: number; non2xx: number; runs: number[] };
  cpuMsPerCase: number;
  cpu: { cases: number; wallSeconds: number; drained: boolean };
  routed: { p50Ms: number; p99Ms: number; samples: number; unrouted: number; rate: number; exactlyOnce: boolean };
  casesPerYear4Core: number;
  method: string;
}

const submission = (tag: string, i: number) => behindProxy(jsonSubmission(tag, i));

export async function selfhostPhase(
  config: BenchConfig,
  dataDir: string,
  cores: number,
  log: (line: string) => void,
): Promise<SelfhostFigures> {
  log("self-hosted target: npm run selfhost (plain workerd) on a fresh data directory …");
  const server = await startSelfhostServer(dataDir, log);
  try {
    const historyCases = await fillHistory(server.db, config.historySizes[0]);
    const pinning = pin([server.workerdPid], cores);
    const state: RunState = { acceptedCases: historyCases, trackingNos: [], drainTimeouts: 0 };
    const cpu = await cpuPerCase(server, config, state);
    log(
      `  ${cpu.cases} cases over ${historyCases.toLocaleString("en")} earlier ones in ${cpu.wallSeconds} s: ${cpu.cpuMsPerCase} ms workerd CPU per case${cpu.drained ? "" : " (NOT drained)"}`,
    );
    const loops = await intakeLoops(server, config, state);
    for (const r of loops)
      log(
        `  intake c=${config.concurrency}: ${r.rps.toFixed(1)} req/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  non-2xx ${r.non2xx}`,
      );
    const rates: RateRun[] = [];
    for (let rep = 1; rep <= config.rateReps; rep++) {
      const r = await ratePhase(config, { urls: { "wenzheng-intake": server.base }, db: server.db }, state, submission);
      rates.push(r);
      log(
        `  open loop ${config.rate} req/s: p99 ${r.load.p99Ms.toFixed(1)} ms, routed p50 ${r.pipelineVisible.p50Ms.toFixed(0)} ms p99 ${r.pipelineVisible.p99Ms.toFixed(0)} ms, exactly once ${r.exactlyOnce.ok ? "yes" : "NO"}`,
      );
    }
    return figures(config, { pinning, historyCases, cpu, loops, rates });
  } finally {
    await server.stop();
    unpin(cores);
  }
}

/** Warm-up (JIT, first objects), then N cases from the first submission until idle: workerd's CPU ÷ N. */
async function cpuPerCase(server: SelfhostServer, config: BenchConfig, state: RunState) {
  const warm = await submitCases(server.base, runTag(), warmupCases(config), config.cpuConcurrency, submission);
  state.acceptedCases += warm.accepted;
  await untilIdle(server, state.acceptedCases, config.drainTimeoutMs);
  const t0 = performance.now();
  const cpu0 = workerdCpuMs([server.workerdPid]);
  const sent = await submitCases(server.base, runTag(), config.cpuCases, config.cpuConcurrency, submission);
  state.acceptedCases += sent.accepted;
  const idleAt = await untilIdle(server, state.acceptedCases, config.drainTimeoutMs);
  const cpuMs = (idleAt ?? workerdCpuMs([server.workerdPid])) - cpu0;
  return {
    cases: sent.accepted,
    cpuMsPerCase: round(cpuMs / Math.max(1, sent.accepted), 2),
    wallSeconds: round((performance.now() - t0) / 1000, 1),
    drained: idleAt !== null,
  };
}

const warmupCases = (config: BenchConfig) => Math.max(10, Math.round(config.cpuCases / 10));

/**
 * Idle as the per-case phases define it (workerd quiet, every case projected and routed), and
 * also every queue empty: the platform's broker can see what D1 cannot, such as a message waiting
 * for a retry. Returns workerd's CPU (ms) when the last quiet stretch began, or null on timeout.
 */
async function untilIdle(server: SelfhostServer, expected: number, timeoutMs: number): Promise<number | null> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const left = until - performance.now();
    const cpu = left > 0 ? await waitPipelineIdle([server.workerdPid], server.db, expected, left) : null;
    if (cpu === null || (await server.queueBacklog()) === 0) return cpu;
  }
}

/** A warm-up, then `reps` closed-loop runs at the bench's concurrency, each drained before the next. */
async function intakeLoops(server: SelfhostServer, config: BenchConfig, state: RunState): Promise<LoadResult[]> {
  const runs: LoadResult[] = [];
  for (let rep = 0; rep <= config.reps; rep++) {
    const tag = runTag();
    const r = await closedLoop({
      url: server.base,
      connections: config.concurrency,
      seconds: rep === 0 ? config.warmupSeconds : config.seconds,
      request: (i) => submission(tag, i),
    });
    state.acceptedCases += Object.entries(r.statuses).reduce((n, [code, c]) => (code.startsWith("2") ? n + c : n), 0);
    if ((await waitIdle(server.db, state.acceptedCases, config.drainTimeoutMs)) < 0) state.drainTimeouts++;
    if (rep > 0) runs.push(r);
  }
  return runs;
}

function figures(
  config: BenchConfig,
  m: {
    pinning: string;
    historyCases: number;
    cpu: Awaited<ReturnType<typeof cpuPerCase>>;
    loops: LoadResult[];
    rates: RateRun[];
  },
): SelfhostFigures {
  const { cpuMsPerCase } = m.cpu;
  // Cases a year one 4-core VM carries: 4 cores × 3600 × 24 × 365 × 1000 ms ÷ cpuMsPerCase × UTILISATION.
  const casesPerYear4Core = Math.round(((VM_CORES * MS_PER_YEAR) / cpuMsPerCase) * UTILISATION);
  return {
    workerd: workerdVersion(),
    pinning: m.pinning,
    historyCases: m.historyCases,
    intake: {
      rps: round(medianOf(m.loops, (r) => r.rps)),
      p50Ms: round(
        medianOf(m.loops, (r) => r.p50Ms),
        2,
      ),
      p99Ms: round(
        medianOf(m.loops, (r) => r.p99Ms),
        2,
      ),
      concurrency: config.concurrency,
      non2xx: m.loops.reduce((n, r) => n + r.non2xx, 0),
      runs: m.loops.map((r) => round(r.rps)),
    },
    cpuMsPerCase,
    cpu: { cases: m.cpu.cases, wallSeconds: m.cpu.wallSeconds, drained: m.cpu.drained },
    routed: {
      p50Ms: round(
        medianOf(m.rates, (r) => r.pipelineVisible.p50Ms),
        1,
      ),
      p99Ms: round(
        medianOf(m.rates, (r) => r.pipelineVisible.p99Ms),
        1,
      ),
      samples: m.rates.reduce((n, r) => n + r.pipelineVisible.samples, 0),
      unrouted: m.rates.reduce((n, r) => n + r.pipelineVisible.unrouted, 0),
      rate: config.rate,
      exactlyOnce: m.rates.every((r) => r.exactlyOnce.ok),
    },
    casesPerYear4Core,
    method:
      `npm run selfhost (workerd ${workerdVersion()} from npm, platform Worker for D1/queues/cron/limiter) on a fresh data directory, cities/pingliang.yaml loaded, ${m.historyCases.toLocaleString("en")} earlier cases in D1; ${m.pinning}. ` +
      `intake: closed loop at c=${config.concurrency}, ${config.seconds} s × ${config.reps}, median. ` +
      `cpuMsPerCase: ${m.cpu.cases} cases at c=${config.cpuConcurrency} after a warm-up, workerd's CPU (all threads, /proc) from the first submission until idle (every case routed, every queue empty) ÷ N; nginx/TLS in front is not counted. ` +
      `routed: submitted → visible as assigned in D1, 1 in ${config.pipelineSampleEvery} cases polled every ${config.pipelinePollMs} ms, at ${config.rate} req/s open loop × ${config.rateSeconds} s × ${config.rateReps}. ` +
      `casesPerYear4Core = ${VM_CORES} cores × 3600 × 24 × 365 × 1000 ms ÷ cpuMsPerCase × ${UTILISATION} utilisation.`,
  };
}

function workerdVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve("workerd/package.json"), "utf8")) as { version: string }).version;
}
