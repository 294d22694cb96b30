/**
 * The per-case phases, each on a platform of its own before the throughput phases: CPU per case by
 * stage (cpu.ts), D1 and queue counts per case (d1-count.ts), then the CPU again with a small and a large history in D1 (history.ts).
 */
import path from "node:path";
import type { BuiltWorker } from "./build.ts";
import type { BenchConfig } from "./config.ts";
import { type CpuRun, cpuRun, describeCpuRun } from "./cpu.ts";
import { type D1Counts, d1CountRun } from "./d1-count.ts";

export interface PerCase {
  cpu: CpuRun;
  counts: D1Counts;
}

export async function perCasePhases(
  built: BuiltWorker[],
  tmp: string,
  config: BenchConfig,
  cores: number,
  log: (line: string) => void,
): Promise<PerCase> {
  const settings = {
    cases: config.cpuCases,
    concurrency: config.cpuConcurrency,
    warmupCases: Math.max(10, Math.round(config.cpuCases / 10)),
    timeoutMs: config.drainTimeoutMs,
    cores,
  };
  log(`D1 per case: ${config.countCases} cases through the counting shim …`);
  const counts = await d1CountRun(built, path.join(tmp, "count"), {
    cases: config.countCases,
    concurrency: 4,
    timeoutMs: config.drainTimeoutMs,
  });
  log(
    `    per case: ${counts.d1.roundTrips} round trips, ${counts.d1.statements} statements, ${counts.d1.rowsRead} rows read, ${counts.d1.rowsWritten} written; ` +
      `${counts.queueMessages} queue messages, ${counts.objectRequests.total} object requests${counts.drained ? "" : " (NOT drained)"}`,
  );
  for (const [stage, c] of Object.entries(counts.byStage))
    log(
      `      ${stage}: ${c.roundTrips} round trips, ${c.statements} statements, ${c.rowsRead} read, ${c.rowsWritten} written`,
    );
  log(`CPU per case: ${settings.cases} cases at ${settings.concurrency} connections, profiles of every isolate …`);
  const cpu = await cpuRun(built, path.join(tmp, "cpu"), settings, undefined, log);
  for (const line of describeCpuRun(cpu)) log(line);
  return { cpu, counts };
}
