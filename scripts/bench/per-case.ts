/**
 * The per-case phases, each on a platform of its own before the throughput phases, all over the
 * small history (1 k earlier cases; history.ts): D1 and queue counts per case (d1-count.ts), CPU
 * per case by stage (cpu.ts), then the CPU again over the large history (100 k; smoke 5 k).
 */
import path from "node:path";
import type { BuiltWorker } from "./build.ts";
import type { BenchConfig } from "./config.ts";
import { type CpuRun, cpuRun, describeCpuRun } from "./cpu.ts";
import type { D1Client } from "./d1.ts";
import { type D1Counts, d1CountRun } from "./d1-count.ts";
import { fillHistory } from "./history.ts";

export interface PerCase {
  cpu: CpuRun;
  counts: D1Counts;
  /** The same measurement as `cpu` (without profiles) over the large history. */
  cpuLargeHistory: CpuRun | null;
}

export async function perCasePhases(
  built: BuiltWorker[],
  tmp: string,
  config: BenchConfig,
  cores: number,
  log: (line: string) => void,
): Promise<PerCase> {
  const [small, large] = config.historySizes;
  const fill = (n: number) => async (db: D1Client) => {
    const started = Date.now();
    const cases = await fillHistory(db, n);
    log(
      `    ${cases.toLocaleString("en")} earlier cases in D1 (filled in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    return cases;
  };
  log(
    `D1 per case: ${config.countCases} cases through the counting shim, over ${small.toLocaleString("en")} earlier cases …`,
  );
  const counts = await d1CountRun(
    built,
    path.join(tmp, "count"),
    { cases: config.countCases, concurrency: 4, timeoutMs: config.drainTimeoutMs },
    fill(small),
  );
  log(
    `    per case: ${counts.d1.roundTrips} round trips, ${counts.d1.statements} statements, ${counts.d1.rowsRead} rows read, ${counts.d1.rowsWritten} written; ` +
      `${counts.queueMessages} queue messages, ${counts.objectRequests.total} object requests${counts.drained ? "" : " (NOT drained)"}`,
  );
  for (const [stage, c] of Object.entries(counts.byStage))
    log(
      `      ${stage}: ${c.roundTrips} round trips, ${c.statements} statements, ${c.rowsRead} read, ${c.rowsWritten} written`,
    );

  const settings = {
    cases: config.cpuCases,
    concurrency: config.cpuConcurrency,
    warmupCases: Math.max(10, Math.round(config.cpuCases / 10)),
    timeoutMs: config.drainTimeoutMs,
    cores,
    profile: true,
  };
  log(
    `CPU per case: ${settings.cases} cases at ${settings.concurrency} connections over ${small.toLocaleString("en")} earlier cases, then again under profiles …`,
  );
  const cpu = await cpuRun(built, path.join(tmp, "cpu"), settings, fill(small), log);
  for (const line of describeCpuRun(cpu)) log(line);

  let cpuLargeHistory: CpuRun | null = null;
  if (!(config.cpuOnly && config.smoke)) {
    log(`CPU per case over ${large.toLocaleString("en")} earlier cases …`);
    cpuLargeHistory = await cpuRun(
      built,
      path.join(tmp, "cpu-large"),
      { ...settings, profile: false },
      fill(large),
      log,
    );
    log(`    ${cpuLargeHistory.total} ms per case (${small.toLocaleString("en")} earlier: ${cpu.total} ms)`);
  }
  return { cpu, counts, cpuLargeHistory };
}
