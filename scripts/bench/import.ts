import { performance } from "node:perf_hooks";
import { generatedHistory } from "../../shared/demo/living-year-generated.ts";
import type { ImportItem, ImportResponse } from "../../shared/import/import-item.schema.ts";
import type { BuiltWorker } from "./build.ts";
import { describeCpuRun, inspectablePlatform, splitProfiles, waitRoutedThenSettle } from "./cpu.ts";
import { startProfiles } from "./cpu-profile.ts";
import { backlog } from "./d1.ts";
import { waitPipelineIdle, workerdCpuMs } from "./pipeline.ts";
import { IMPORT_TOKEN, type Platform } from "./serve.ts";
import { round } from "./stats.ts";

const BATCH = 25;
const IN_FLIGHT = 8;

export interface ImportPass {
  cases: number;
  statuses: Record<string, number>;
  /** Until every batch was answered, and until the pipeline was idle. */
  answeredSeconds: number;
  idleSeconds: number;
  casesPerSecond: number;
  cpuMsPerCase: number;
  drained: boolean;
}

export interface ImportRun {
  plain: ImportPass;
  profiled: ImportPass;
  stages: Record<string, number>;
  runtimeJs: Record<string, number>;
  top: Record<string, { fn: string; msPerCase: number }[]>;
}

/** Sends `items` as `source` and waits for the pipeline to be idle. */
async function pass(
  platform: Platform,
  source: string,
  items: readonly ImportItem[],
  timeoutMs: number,
  profiled = false,
) {
  const intake = platform.urls["wenzheng-intake"];
  const before = (await backlog(platform.db)).cases;
  const batches: ImportItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  const cpu0 = workerdCpuMs(platform.workerdPids);
  const worker = async () => {
    for (let b = batches.shift(); b; b = batches.shift()) {
      const res = await fetch(`${intake}/api/v1/import/cases`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${IMPORT_TOKEN}` },
        body: JSON.stringify({ source, items: b }),
        signal: AbortSignal.timeout(120_000),
      });
      if (!res.ok) throw new Error(`import batch answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      for (const r of ((await res.json()) as ImportResponse).results)
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const answeredSeconds = (performance.now() - t0) / 1000;
  // The profilers' sampler threads keep workerd from ever looking quiet: there, wait for D1 instead.
  const expected = before + items.length;
  const idleCpu = profiled
    ? await waitRoutedThenSettle(platform, expected, timeoutMs)
    : await waitPipelineIdle(platform.workerdPids, platform.db, expected, timeoutMs);
  const idleSeconds = (performance.now() - t0) / 1000;
  const cpuMs = (idleCpu ?? workerdCpuMs(platform.workerdPids)) - cpu0;
  return {
    cases: items.length,
    statuses,
    answeredSeconds: round(answeredSeconds, 1),
    idleSeconds: round(idleSeconds, 1),
    casesPerSecond: round(items.length / answeredSeconds, 1),
    cpuMsPerCase: round(cpuMs / items.length, 2),
    drained: idleCpu !== null,
  };
}

export async function importRun(
  built: BuiltWorker[],
  dir: string,
  settings: { cases: number; timeoutMs: number },
  log: (line: string) => void,
): Promise<ImportRun> {
  const { platform, inspectorPort } = await inspectablePlatform(built, dir);
  try {
    // The generated year is dated back from now; each pass takes its own slice under its own source.
    const year = generatedHistory(Date.now(), settings.cases * 2 + 100);
    await pass(platform, "bench-warmup", year.slice(0, 100), settings.timeoutMs);
    log(`  warmed up with 100 imported cases; importing ${settings.cases} …`);
    const plain = await pass(platform, "bench-plain", year.slice(100, 100 + settings.cases), settings.timeoutMs);
    log(
      `  ${plain.cases} cases: answered in ${plain.answeredSeconds} s (${plain.casesPerSecond}/s), pipeline idle after ${plain.idleSeconds} s, ${plain.cpuMsPerCase} ms CPU per case`,
    );
    const profiling = await startProfiles(
      inspectorPort,
      (t) => t.startsWith("core:user:") || /^(d1:db|queues:queue)/.test(t),
    );
    const profiled = await pass(platform, "bench-profiled", year.slice(100 + settings.cases), settings.timeoutMs, true);
    const split = splitProfiles(await profiling.stop(), built, profiled.cases);
    const run = { plain, profiled, ...split };
    for (const line of describeCpuRun({
      cases: profiled.cases,
      historyCases: 0,
      total: profiled.cpuMsPerCase,
      stages: split.stages,
      runtimeJs: split.runtimeJs,
      top: split.top,
      wallSeconds: profiled.idleSeconds,
      statuses: profiled.statuses,
      drained: profiled.drained,
    }))
      log(line);
    return run;
  } finally {
    await platform.dispose();
  }
}
