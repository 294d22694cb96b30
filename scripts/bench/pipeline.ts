/**
 * What the per-case phases share: submitting a fixed number of cases at a fixed concurrency, the
 * workerd process's CPU time, and waiting until the whole pipeline is idle (every case projected
 * and routed, every queue consumed).
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { backlog, type D1Client } from "./d1.ts";
import type { HttpRequestSpec } from "./load.ts";
import { jsonSubmission } from "./requests.ts";
import { sleep } from "./stats.ts";

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (ms) of the workerd processes, all threads, from /proc/<pid>/stat: utime + stime count
 * every thread of the process, including ones that have exited. Resolution 10 ms.
 */
export function workerdCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at "state": utime is the 12th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** A port nobody listens on (for the inspector). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Submits cases 0…n-1 (JSON, as in the throughput phase) over `concurrency` connections, closed loop. */
export async function submitCases(
  intakeUrl: string,
  tag: string,
  n: number,
  concurrency: number,
  request: (tag: string, i: number) => HttpRequestSpec = jsonSubmission,
): Promise<{ accepted: number; statuses: Record<string, number> }> {
  let next = 0;
  let accepted = 0;
  const statuses: Record<string, number> = {};
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const spec = request(tag, i);
      const res = await fetch(intakeUrl + spec.path, {
        method: spec.method,
        headers: spec.headers,
        body: spec.body ?? null,
        signal: AbortSignal.timeout(60_000),
      });
      await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 201) accepted++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { accepted, statuses };
}

/** Longer than any queue's max_batch_timeout (case-registry: 5 s), so a half-full batch still waiting counts as work left. */
export const QUIET_MS = 6_000;

/**
 * Waits until the pipeline is idle: workerd has used under 1 % of a core for `quietMs`, and D1
 * then shows at least `expectedCases` cases, none waiting for routing. D1 is read only once the
 * CPU is quiet, so the bench's own reads cost the measurement almost nothing. Returns workerd's
 * CPU time (ms) at the start of the quiet stretch, or null on timeout.
 */
export async function waitPipelineIdle(
  pids: readonly number[],
  db: D1Client,
  expectedCases: number,
  timeoutMs: number,
  quietMs = QUIET_MS,
): Promise<number | null> {
  const started = performance.now();
  const samples: { at: number; cpu: number }[] = [];
  while (performance.now() - started < timeoutMs) {
    await sleep(250);
    const now = { at: performance.now(), cpu: workerdCpuMs(pids) };
    samples.push(now);
    const windowStart = samples.find((s) => now.at - s.at <= quietMs);
    if (!windowStart || now.at - (samples[0]?.at ?? now.at) < quietMs) continue;
    if (now.cpu - windowStart.cpu > quietMs * 0.01) continue;
    const b = await backlog(db);
    if (b.cases >= expectedCases && b.submitted === 0) return windowStart.cpu;
    samples.length = 0; // not done: the next quiet stretch starts after this read
  }
  return null;
}
