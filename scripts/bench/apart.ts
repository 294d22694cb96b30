/**
 * Latency as production runs it (the performance issue): intake apart from the consumers, as
 * Cloudflare runs each Worker on its own. The self-hosted target split over two workerd processes
 * (`npm run selfhost -- --split`): the front serves intake, the case objects, D1 and the queues; the
 * back serves assignment, deadline and evaluation. On this machine's two cores the front has core 1
 * to itself and the back shares core 0 with the load generator (light at 50 req/s). A constant
 * `config.rate` for `config.rateSeconds`, once: intake's p99, submitted → routed p99, and how long the
 * pipeline took to drain after the last request (a backlog left growing shows as a long drain).
 */
import { execFileSync } from "node:child_process";
import type { BenchConfig } from "./config.ts";
import { waitIdle } from "./d1.ts";
import { fillHistory } from "./history.ts";
import type { RunState } from "./phases.ts";
import { submitCases } from "./pipeline.ts";
import { ratePhase } from "./rate.ts";
import { behindProxy, jsonSubmission, runTag } from "./requests.ts";
import { startSelfhostServer } from "./selfhost-server.ts";
import { unpin } from "./serve.ts";
import { round } from "./stats.ts";

const submission = (tag: string, i: number) => behindProxy(jsonSubmission(tag, i));

function pinApart([front, back]: number[], cores: number): string {
  if (cores < 2 || front === undefined || back === undefined) return "not pinned (one core)";
  try {
    const rest = cores === 2 ? "1" : `1-${cores - 1}`;
    execFileSync("taskset", ["-a", "-p", "-c", rest, String(front)], { stdio: "ignore" });
    execFileSync("taskset", ["-a", "-p", "-c", "0", String(back)], { stdio: "ignore" });
    execFileSync("taskset", ["-a", "-p", "-c", "0", String(process.pid)], { stdio: "ignore" });
    return `front workerd on core${cores === 2 ? "" : "s"} ${rest}; back workerd and the load generator on core 0 (taskset)`;
  } catch (error) {
    return `not pinned (${String(error).slice(0, 80)})`;
  }
}

export async function apartPhase(
  config: BenchConfig,
  dataDir: string,
  builtIn: string,
  cores: number,
  log: (line: string) => void,
) {
  log(`apart: intake and the consumers in two workerd processes, ${config.rate} req/s × ${config.rateSeconds} s …`);
  const server = await startSelfhostServer(dataDir, log, { split: true, builtIn });
  try {
    const historyCases = await fillHistory(server.db, config.historySizes[0]);
    const pinning = pinApart(server.workerdPids, cores);
    const state: RunState = { acceptedCases: historyCases, trackingNos: [], drainTimeouts: 0 };
    const warm = await submitCases(server.base, runTag(), 30, config.cpuConcurrency, submission);
    state.acceptedCases += warm.accepted;
    if ((await waitIdle(server.db, state.acceptedCases, config.drainTimeoutMs)) < 0) state.drainTimeouts++;
    const target = { urls: { "wenzheng-intake": server.base }, db: server.db };
    const r = await ratePhase(config, target, state, submission);
    const figures = {
      rate: config.rate,
      seconds: config.rateSeconds,
      pinning,
      achievedRps: round(r.load.rps),
      p50Ms: round(r.load.p50Ms, 1),
      p99Ms: round(r.load.p99Ms, 1),
      clientTimeouts: r.load.errors,
      routedP50Ms: round(r.pipelineVisible.p50Ms, 0),
      routedP99Ms: round(r.pipelineVisible.p99Ms, 0),
      routedInObjectP99Ms: round(r.pipelineInObject.p99Ms, 0),
      drainMs: round(r.drainMs, 0),
      exactlyOnce: r.exactlyOnce.ok,
      method:
        "npm run selfhost -- --split (scripts/selfhost/split-config.ts): front workerd = intake, case objects, the platform's D1 and queues; back workerd = assignment, deadline, evaluation, reaching D1, the queues and the case objects over loopback HTTP; " +
        `${pinning}; ${historyCases.toLocaleString("en")} earlier cases; open loop, latencies from each request's scheduled send time; routed = submitted → visible as assigned in D1, 1 in ${config.pipelineSampleEvery} cases; drainMs = last response → every case routed.`,
    };
    log(
      `  apart: ${figures.achievedRps} req/s, intake p99 ${figures.p99Ms} ms, routed p50 ${figures.routedP50Ms} ms p99 ${figures.routedP99Ms} ms, drained ${(figures.drainMs / 1000).toFixed(1)} s after the last request, exactly once ${figures.exactlyOnce ? "yes" : "NO"}`,
    );
    return figures;
  } finally {
    await server.stop();
    unpin(cores);
  }
}

export type ApartFigures = Awaited<ReturnType<typeof apartPhase>>;
