/**
 * `npm run bench -- --soak N [--rate R]`: the whole pipeline under a constant load for N seconds
 * (600 for the record), then proof that nothing was lost or doubled. Builds and serves the Workers
 * as the bench does (serve.ts), runs only the open-loop phase (rate.ts: submit latency, submit →
 * routed latency, receipts against D1), and then checks every case: routed where the 派单目录
 * sends it, counted once in the rollups, its hash chain valid and its D1 log equal to the object's
 * (soak-checks.ts). workerd's resident memory is sampled throughout. The JSON goes to
 * bench/results/soak.json (and a copy named by commit), a Markdown summary to stdout; the exit code
 * is 1 when any check fails (soak-verdict.ts).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildAll } from "./build.ts";
import type { BenchConfig } from "./config.ts";
import type { RunState } from "./phases.ts";
import { ratePhase } from "./rate.ts";
import { applyMigrations, type Platform, pin, platformFacts, seedDemo, startPlatform, unpin } from "./serve.ts";
import { chainCheck, duplicateCases, routingCheck, settledRollups } from "./soak-checks.ts";
import { type MemorySamples, memoryGrowth, soakVerdict } from "./soak-verdict.ts";
import { round } from "./stats.ts";

/** Resident set (MiB) of the workerd processes, from /proc/<pid>/status. */
export function workerdRssMiB(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  }
  return kb / 1024;
}

/**
 * Samples every `everyMs` from creation until stop(): the peak over every sample, the one taken
 * `warmAfterMs` in, and a timeline every tenth sample (the JSON's, to see a slope).
 */
function rssSampler(pids: readonly number[], warmAfterMs: number, everyMs = 1_000) {
  const t0 = performance.now();
  const start = workerdRssMiB(pids);
  let peak = start;
  let warm: number | undefined;
  const timeline: { s: number; MiB: number }[] = [{ s: 0, MiB: round(start) }];
  let ticks = 0;
  const timer = setInterval(() => {
    const now = workerdRssMiB(pids);
    const at = performance.now() - t0;
    peak = Math.max(peak, now);
    if (warm === undefined && at >= warmAfterMs) warm = now;
    if (++ticks % 10 === 0) timeline.push({ s: Math.round(at / 1000), MiB: round(now) });
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = workerdRssMiB(pids);
      const samples: MemorySamples = {
        startMiB: start,
        warmMiB: warm ?? end,
        endMiB: end,
        peakMiB: Math.max(peak, end),
      };
      const growth = memoryGrowth(samples);
      const rounded = Object.entries({ ...samples, ...growth }).map(([k, v]) => [k, round(v)]);
      return { ...(Object.fromEntries(rounded) as typeof samples & typeof growth), timeline };
    },
  };
}

export async function soakRun(
  config: BenchConfig,
  tmp: string,
  cores: number,
  log: (line: string) => void,
  onPlatform: (p: Platform | undefined) => void,
) {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  log(`soak: ${config.rate} cases/s for ${config.soakSeconds} s; building the Workers …`);
  const built = await buildAll(path.join(tmp, "build"), platformFacts());
  const platform = await startPlatform(built, path.join(tmp, "state"));
  onPlatform(platform);
  try {
    await applyMigrations(platform.db);
    await seedDemo(platform.urls["wenzheng-intake"]);
    const pinning = pin(platform.workerdPids, cores);
    log(`  serving, migrated and seeded, ${pinning} (${elapsed()})`);

    const memory = rssSampler(platform.workerdPids, Math.min(60_000, (config.soakSeconds * 1000) / 5));
    const state: RunState = { acceptedCases: 0, trackingNos: [], drainTimeouts: 0 };
    const rate = await ratePhase({ ...config, rateSeconds: config.soakSeconds }, platform, state);
    log(
      `  load done and drained: ${rate.load.responses} responses, ${rate.exactlyOnce.accepted} accepted, drained in ${(rate.drainMs / 1000).toFixed(1)} s (${elapsed()})`,
    );
    const rollups = await settledRollups(platform.db, config.drainTimeoutMs);
    // Before the chain walk, which wakes every case's object and would count its own memory.
    const rss = memory.stop();
    const routing = await routingCheck(platform.db);
    const duplicates = await duplicateCases(platform.db);
    log(`  routing and rollups read; walking ${rate.exactlyOnce.found} chains … (${elapsed()})`);
    const chains = await chainCheck(platform.urls["wenzheng-intake"], platform.db);
    const { accepted, found, taggedRows, clientTimeouts } = rate.exactlyOnce;
    const verdict = soakVerdict({
      accepted,
      found,
      duplicates,
      orphans: Math.max(0, taggedRows - duplicates - found),
      clientTimeouts,
      unrouted: routing.unrouted,
      misrouted: routing.misrouted,
      rollups,
      chainsChecked: chains.checked,
      chainsInvalid: chains.invalid,
      projectionBehind: chains.projectionBehind,
    });
    log(`  checked (${elapsed()})`);
    return {
      verdict,
      rate: config.rate,
      seconds: config.soakSeconds,
      pinning,
      submit: {
        p50Ms: round(rate.load.p50Ms, 1),
        p99Ms: round(rate.load.p99Ms, 1),
        maxMs: round(rate.load.maxMs, 1),
        rps: round(rate.load.rps, 2),
        statuses: rate.load.statuses,
        sendLagP99Ms: round(rate.load.sendLagP99Ms, 1),
      },
      routed: {
        visibleP50Ms: round(rate.pipelineVisible.p50Ms, 0),
        visibleP99Ms: round(rate.pipelineVisible.p99Ms, 0),
        visibleSamples: rate.pipelineVisible.samples,
        inObjectP50Ms: round(rate.pipelineInObject.p50Ms, 0),
        inObjectP99Ms: round(rate.pipelineInObject.p99Ms, 0),
        inObjectSamples: rate.pipelineInObject.samples,
      },
      drainMs: round(rate.drainMs, 0),
      memory: rss,
      exactlyOnce: rate.exactlyOnce,
      routing,
      rollups,
      chains,
    };
  } finally {
    await platform.dispose();
    onPlatform(undefined);
    unpin(cores);
  }
}

export type SoakResult = Awaited<ReturnType<typeof soakRun>>;

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x >= 100 ? 0 : 1)} ms` : "–");

export function soakMarkdown(r: SoakResult, commit: string, when: string): string {
  const v = r.verdict;
  const m = r.memory;
  return [
    `## wenzheng soak — ${commit}, ${when}`,
    "",
    `${r.rate} cases/s for ${r.seconds} s (POST /api/v1/cases, whole pipeline in one workerd; ${r.pinning}) · drained in ${(r.drainMs / 1000).toFixed(1)} s`,
    "",
    "| measure | value |",
    "|---|---:|",
    `| accepted (receipts) | ${r.exactlyOnce.accepted} |`,
    `| **loss** (accepted, not in D1) | **${v.loss}** |`,
    `| **duplicates** (extra cases for one submission) | **${v.duplicates}** |`,
    `| statuses | ${Object.entries(r.routing.byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ")} |`,
    `| unrouted / misrouted | ${r.routing.unrouted} / ${r.routing.misrouted} |`,
    `| rollups received / acceptances | ${r.rollups.received} / ${r.rollups.expectedReceived} |`,
    `| rollups assigned / assignments | ${r.rollups.assigned} / ${r.rollups.expectedAssigned} |`,
    `| chains checked / invalid / D1 log differs | ${r.chains.checked} / ${r.chains.invalid} / ${r.chains.projectionBehind} |`,
    `| submit latency p50 / p99 | ${ms(r.submit.p50Ms)} / ${ms(r.submit.p99Ms)} |`,
    `| submit → routed, in the object, p50 / p99 (every case) | ${ms(r.routed.inObjectP50Ms)} / ${ms(r.routed.inObjectP99Ms)} |`,
    `| submit → routed, visible in D1, p50 / p99 (${r.routed.visibleSamples} sampled) | ${ms(r.routed.visibleP50Ms)} / ${ms(r.routed.visibleP99Ms)} |`,
    `| workerd RSS start / warm / end / peak | ${m.startMiB} / ${m.warmMiB} / ${m.endMiB} / ${m.peakMiB} MiB |`,
    `| memory growth from start / since warm | ${m.growthMiB} MiB (${m.growthPct} %) / ${m.sinceWarmMiB} MiB |`,
    "",
    v.ok ? "**PASS**: every check held." : `**FAIL**: ${v.failures.join("; ")}.`,
  ].join("\n");
}
