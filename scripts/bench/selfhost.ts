/**
 * The self-hosted phase: the same measurements as on Miniflare, against the self-hosted target
 * (plain workerd, the platform Worker's D1, queues and limiter; selfhost-server.ts) on a fresh
 * data directory with the city loaded — what a city's 政务云 VM would run. In order: the small
 * history (as the per-case phases have), a warm-up, CPU per case (N cases closed loop, workerd's
 * CPU until idle ÷ N), intake in closed loop at the bench's concurrency, then submitted → routed
 * latency in open loop at a modest rate (config.ts, selfhostRate). Submissions carry the client's
 * address in X-Real-IP, as nginx in front passes it.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { BenchConfig } from "./config.ts";
import { waitIdle } from "./d1.ts";
import { fillHistory } from "./history.ts";
import { closedLoop, type LoadResult } from "./load.ts";
import type { RunState } from "./phases.ts";
import { submitCases, waitPipelineIdle, workerdCpuMs } from "./pipeline.ts";
import { type RateRun, ratePhase } from "./rate.ts";
import { type SelfhostFigures, selfhostFigures } from "./report-selfhost.ts";
import { behindProxy, jsonSubmission, runTag } from "./requests.ts";
import { type SelfhostServer, startSelfhostServer } from "./selfhost-server.ts";
import { pin, unpin } from "./serve.ts";
import { round } from "./stats.ts";

export interface CpuPerCase {
  cases: number;
  cpuMsPerCase: number;
  wallSeconds: number;
  drained: boolean;
}

const loadAverage = () => os.loadavg().map((x) => round(x, 2));

const submission = (tag: string, i: number) => behindProxy(jsonSubmission(tag, i));

export async function selfhostPhase(
  config: BenchConfig,
  dataDir: string,
  cores: number,
  log: (line: string) => void,
): Promise<SelfhostFigures> {
  log("self-hosted target: plain workerd on a fresh data directory …");
  // The machine may be shared: the load around the phase says how far to trust its absolutes.
  const loadAverageBefore = loadAverage();
  const server = await startSelfhostServer(dataDir, log);
  try {
    const historyCases = await fillHistory(server.db, config.historySizes[0]);
    const pinning = pin(server.workerdPids, cores);
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
    const target = { urls: { "wenzheng-intake": server.base }, db: server.db };
    for (let rep = 1; rep <= config.rateReps; rep++) {
      const r = await ratePhase({ ...config, rate: config.selfhostRate }, target, state, submission);
      rates.push(r);
      log(
        `  open loop ${config.selfhostRate} req/s: p99 ${r.load.p99Ms.toFixed(1)} ms, routed p50 ${r.pipelineVisible.p50Ms.toFixed(0)} ms p99 ${r.pipelineVisible.p99Ms.toFixed(0)} ms (in the object p50 ${r.pipelineInObject.p50Ms.toFixed(0)} ms p99 ${r.pipelineInObject.p99Ms.toFixed(0)} ms), exactly once ${r.exactlyOnce.ok ? "yes" : "NO"}`,
      );
    }
    const loadAverages = { before: loadAverageBefore, after: loadAverage() };
    return selfhostFigures(config, {
      pinning,
      loadAverages,
      historyCases,
      cpu,
      loops,
      rates,
      drainTimeouts: state.drainTimeouts,
    });
  } finally {
    await server.stop();
    unpin(cores);
  }
}

/** Warm-up (JIT, first objects), then N cases from the first submission until idle: workerd's CPU ÷ N. */
async function cpuPerCase(server: SelfhostServer, config: BenchConfig, state: RunState): Promise<CpuPerCase> {
  const warm = await submitCases(server.base, runTag(), warmupCases(config), config.cpuConcurrency, submission);
  state.acceptedCases += warm.accepted;
  if ((await untilIdle(server, state.acceptedCases, config.drainTimeoutMs)) === null) state.drainTimeouts++;
  const t0 = performance.now();
  const cpu0 = workerdCpuMs(server.workerdPids);
  const sent = await submitCases(server.base, runTag(), config.cpuCases, config.cpuConcurrency, submission);
  state.acceptedCases += sent.accepted;
  const idleAt = await untilIdle(server, state.acceptedCases, config.drainTimeoutMs);
  const cpuMs = (idleAt ?? workerdCpuMs(server.workerdPids)) - cpu0;
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
    const cpu = left > 0 ? await waitPipelineIdle(server.workerdPids, server.db, expected, left) : null;
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
