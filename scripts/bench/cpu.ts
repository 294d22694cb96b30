/**
 * CPU per case, by stage: N cases submitted at a modest closed-loop concurrency into a platform of
 * its own (fresh D1, optionally filled with earlier cases first), workerd's CPU over all its threads
 * from the first submission until the pipeline is idle, ÷ N = total. The split by stage comes from
 * per-isolate CPU profiles (cpu-profile.ts says how samples are attributed); what no isolate's
 * JavaScript shows — workerd's own C++ (HTTP, RPC, SQLite under the D1 emulator and the objects,
 * queue plumbing), the emulators' JavaScript, profiler overhead — is `runtime` = total − stages.
 * A warm-up of a few cases first, so JIT and the first objects are not charged to the measurement.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { BuiltWorker } from "./build.ts";
import { attribute, BundleSources, type CpuProfile, type StageTime, startProfiles, topSelf } from "./cpu-profile.ts";
import { backlog, type D1Client, waitIdle } from "./d1.ts";
import { freePort, QUIET_MS, submitCases, waitPipelineIdle, workerdCpuMs } from "./pipeline.ts";
import { runTag } from "./requests.ts";
import { applyMigrations, type Platform, pin, seedDemo, startPlatform, unpin } from "./serve.ts";
import { round, sleep } from "./stats.ts";

export interface CpuSettings {
  cases: number;
  concurrency: number;
  warmupCases: number;
  timeoutMs: number;
  cores: number;
  /** Also split the CPU by stage (a second N under profiles). */
  profile: boolean;
}

export interface CpuRun {
  cases: number;
  historyCases: number;
  /** workerd's CPU per case (ms), all threads. */
  total: number;
  /** Per case (ms), from the profiles; `runtime` is total − the Workers' and the object's stages. */
  stages: Record<string, number>;
  /** Per case (ms): JavaScript of the other isolates (D1 emulator, queue broker …), part of runtime. */
  runtimeJs: Record<string, number>;
  top: Record<string, { fn: string; msPerCase: number }[]>;
  wallSeconds: number;
  statuses: Record<string, number>;
  drained: boolean;
}

const PLATFORM_STAGES: Record<string, string> = {
  "core:user:wenzheng-intake": "intake",
  "core:user:wenzheng-assignment": "assignment",
  "core:user:wenzheng-evaluation": "evaluation",
  "core:user:wenzheng-deadline": "deadline",
};
const OBJECT_SOURCE = "workers/intake/src/case-record/";
const STUB_SOURCE = "shared/case-record/client.ts";
/**
 * The per-region near-duplicate index, a durable object hosted in assignment's isolate. (A bundle's
 * paths are relative to its wrangler config: assignment's own files start at src/.)
 */
const INDEX_SOURCE = "src/near-duplicates/";
/** Miniflare's isolates that stand in for Cloudflare's services: the D1 emulator, the queue broker. */
const RUNTIME_ISOLATES = /^(d1:db|queues:queue)/;

/**
 * Starts a platform of its own with the inspector open, fills history (if asked), warms up,
 * measures N cases, stops. `fill` writes earlier cases straight into D1 (history.ts).
 */
export async function cpuRun(
  built: BuiltWorker[],
  dir: string,
  settings: CpuSettings,
  fill?: (db: D1Client) => Promise<number>,
  log: (line: string) => void = () => {},
): Promise<CpuRun> {
  const { platform, inspectorPort } = await inspectablePlatform(built, dir);
  try {
    const historyCases = fill ? await fill(platform.db) : 0;
    pin(platform.workerdPids, settings.cores);
    const intake = platform.urls["wenzheng-intake"];
    const { cases: earlier } = await backlog(platform.db);
    const warm = await submitCases(intake, runTag(), settings.warmupCases, settings.concurrency);
    const before = { cases: earlier + warm.accepted };
    await waitPipelineIdle(platform.workerdPids, platform.db, before.cases, settings.timeoutMs);
    log(`    warmed up with ${warm.accepted} cases; measuring ${settings.cases} …`);

    // First without profiles (the total), then the same again with them (the split).
    const plain = await measure(platform, before.cases, settings);
    let split: ReturnType<typeof splitProfiles> = { stages: {}, runtimeJs: {}, top: {} };
    let profiledDrained = true;
    if (settings.profile) {
      const profiling = await startProfiles(inspectorPort, (t) => t in PLATFORM_STAGES || RUNTIME_ISOLATES.test(t));
      const profiled = await measure(platform, before.cases + plain.sent.accepted, settings, true);
      split = splitProfiles(await profiling.stop(), built, Math.max(1, profiled.sent.accepted));
      profiledDrained = profiled.drained;
    }
    const sent = plain.sent;
    const total = plain.cpuMs / Math.max(1, sent.accepted);
    const wallSeconds = plain.wallSeconds;
    const staged = Object.values(split.stages).reduce((a, b) => a + b, 0);
    return {
      cases: sent.accepted,
      historyCases,
      total: round(total, 2),
      stages: { ...roundAll(split.stages), runtime: round(total - staged, 2) },
      runtimeJs: roundAll(split.runtimeJs),
      top: split.top,
      wallSeconds: round(wallSeconds, 1),
      statuses: sent.statuses,
      drained: plain.drained && profiledDrained,
    };
  } finally {
    await platform.dispose();
    unpin(settings.cores);
  }
}

/** A platform of its own with the inspector open, migrated and configured as the demo city (no cases). */
export async function inspectablePlatform(built: BuiltWorker[], dir: string) {
  mkdirSync(dir, { recursive: true });
  const inspectorPort = await freePort();
  const platform = await startPlatform(built, dir, { inspectorPort });
  try {
    await applyMigrations(platform.db);
    await seedDemo(platform.urls["wenzheng-intake"]);
    return { platform, inspectorPort };
  } catch (error) {
    await platform.dispose();
    throw error;
  }
}

/** N cases from the first submission until idle: workerd's CPU (ms), wall time, what intake answered. */
async function measure(platform: Platform, casesBefore: number, settings: CpuSettings, profiled = false) {
  const t0 = performance.now();
  const cpu0 = workerdCpuMs(platform.workerdPids);
  const sent = await submitCases(platform.urls["wenzheng-intake"], runTag(), settings.cases, settings.concurrency);
  // The profilers' sampler threads keep workerd from ever looking quiet: there, wait for D1 instead.
  const idleAt = profiled
    ? await waitRoutedThenSettle(platform, casesBefore + sent.accepted, settings.timeoutMs)
    : await waitPipelineIdle(platform.workerdPids, platform.db, casesBefore + sent.accepted, settings.timeoutMs);
  const cpuMs = (idleAt ?? workerdCpuMs(platform.workerdPids)) - cpu0;
  return { sent, cpuMs, wallSeconds: (performance.now() - t0) / 1000, drained: idleAt !== null };
}

/** Every case routed, then long enough for the last queue batches to be consumed. */
export async function waitRoutedThenSettle(
  platform: Platform,
  expected: number,
  timeoutMs: number,
): Promise<number | null> {
  if ((await waitIdle(platform.db, expected, timeoutMs)) < 0) return null;
  await sleep(QUIET_MS);
  return workerdCpuMs(platform.workerdPids);
}

function roundAll(xs: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, round(v, 3)]));
}

export function splitProfiles(profiles: Map<string, CpuProfile>, built: BuiltWorker[], n: number) {
  const stages: Record<string, number> = {
    intake: 0,
    object: 0,
    assignment: 0,
    nearDuplicateIndex: 0,
    evaluation: 0,
    deadline: 0,
  };
  const runtimeJs: Record<string, number> = {};
  const self = new Map<string, Map<string, number>>();
  for (const [target, profile] of profiles) {
    const workerName = target.replace(/^core:user:/, "");
    const stage = PLATFORM_STAGES[target];
    const script = built.find((w) => w.name === workerName)?.scriptPath;
    const sources = script ? new BundleSources(script) : null;
    const times: Map<string, StageTime> = attribute(profile, sources, (frames) => {
      if (!stage) return target;
      if (frames.filter(Boolean).at(-1) === STUB_SOURCE) return "object";
      if (stage === "intake" && frames.some((f) => f.startsWith(OBJECT_SOURCE))) return "object";
      if (stage === "assignment" && frames.some((f) => f.startsWith(INDEX_SOURCE))) return "nearDuplicateIndex";
      return stage;
    });
    for (const [name, t] of times) {
      if (stage) {
        stages[name] = (stages[name] ?? 0) + t.ms / n;
        const into = self.get(name) ?? new Map<string, number>();
        for (const [fn, ms] of t.self) into.set(fn, (into.get(fn) ?? 0) + ms);
        self.set(name, into);
      } else if (t.ms / n >= 0.005) runtimeJs[name] = (runtimeJs[name] ?? 0) + t.ms / n;
    }
  }
  const top = Object.fromEntries([...self.entries()].map(([name, fns]) => [name, topSelf(fns, 15, n)]));
  return { stages, runtimeJs, top };
}

/** The per-stage table and each stage's hottest functions, for the log. */
export function describeCpuRun(run: CpuRun): string[] {
  const lines = [
    `    ${run.cases} cases${run.historyCases ? ` over ${run.historyCases.toLocaleString("en")} earlier ones` : ""} in ${run.wallSeconds} s: ` +
      `${run.total} ms CPU per case — ${Object.entries(run.stages)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}${run.drained ? "" : " (NOT drained)"}`,
    `    other isolates' JavaScript (part of runtime): ${Object.entries(run.runtimeJs)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  ];
  for (const [stage, fns] of Object.entries(run.top)) {
    lines.push(`    top self time, ${stage} (ms per case):`);
    for (const f of fns) lines.push(`      ${f.msPerCase.toFixed(3).padStart(7)}  ${f.fn}`);
  }
  return lines;
}

export const cpuDir = (tmp: string, label: string) => path.join(tmp, `cpu-${label}`);
