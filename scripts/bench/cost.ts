/**
 * What a million cases cost at Cloudflare's list prices, from the counts of one run.
 *
 * Prices: Workers Paid plan, as published at https://developers.cloudflare.com/workers/platform/pricing/
 * (Workers, Durable Objects incl. SQLite storage), https://developers.cloudflare.com/d1/platform/pricing/
 * and https://developers.cloudflare.com/queues/platform/pricing/ — written from memory of those pages
 * as of 2025, NOT checked on 2026-12-07: this machine has no web access. Check them before quoting.
 * Marginal prices only: the plan's $5 a month and its included allowances (10 M requests, 30 M CPU
 * ms, 1 M object requests, 400,000 GB-s, 25 bn rows read, 50 M rows written, 1 M queue operations
 * a month) are left out, so this is the price of the millionth-and-later case, not of a small city.
 *
 * Estimates, said plainly:
 * - Worker CPU is the stateless Workers' own JavaScript from the profiles (cpuMsPerCase.stateless);
 *   what workerd spends under them here (D1 emulation, local queues) is not what Cloudflare bills.
 * - A queue consumer's batch invocation is counted as one Worker request.
 * - Object duration is billed per wall-clock second at 128 MB while the object is active; here it
 *   is estimated as the object's CPU plus 10 ms for each D1 round trip and queue send it awaits
 *   (a guess at production latency), not measured. Storage (GB-month) is left out.
 * - Each queue message is 3 operations (write, read, delete: messages under 64 KB), no retries.
 */
import type { D1Counts } from "./d1-count.ts";
import type { BaseFigures } from "./report-per-case.ts";
import { round } from "./stats.ts";

/** USD per unit. */
const PRICES = {
  workerRequest: 0.3 / 1e6,
  workerCpuMs: 0.02 / 1e6,
  objectRequest: 0.15 / 1e6,
  objectGbSecond: 12.5 / 1e6,
  sqliteRowRead: 0.001 / 1e6,
  sqliteRowWritten: 1.0 / 1e6,
  d1RowRead: 0.001 / 1e6,
  d1RowWritten: 1.0 / 1e6,
  queueOperation: 0.4 / 1e6,
} as const;

const OBJECT_GB = 128 / 1024;
const AWAITED_IO_MS = 10;

export function costPerMillionCases(f: BaseFigures, counts: D1Counts) {
  const inv = f.invocationsPerCase;
  const objectIo = counts.byStage.object;
  const objectActiveMs =
    f.cpuMsPerCase.object +
    f.cpuMsPerCase.nearDuplicateIndex +
    ((objectIo?.roundTrips ?? 0) + (objectIo?.queueSends ?? 0)) * AWAITED_IO_MS;
  const units = {
    workerRequest: (inv.fetch ?? 0) + (inv.queueBatches ?? 0),
    workerCpuMs: f.cpuMsPerCase.stateless,
    objectRequest: f.objectPerCase.requests,
    objectGbSecond: (objectActiveMs / 1000) * OBJECT_GB,
    sqliteRowRead: f.objectPerCase.sqlite.rowsRead,
    sqliteRowWritten: f.objectPerCase.sqlite.rowsWritten,
    d1RowRead: f.d1PerCase.rowsRead,
    d1RowWritten: f.d1PerCase.rowsWritten,
    queueOperation: f.queuePerCase.messages * 3,
  };
  const items = Object.fromEntries(
    (Object.keys(PRICES) as (keyof typeof PRICES)[]).map((k) => [
      k,
      { perCase: round(units[k], 4), usdPerMillionCases: round(units[k] * PRICES[k] * 1e6, 2) },
    ]),
  );
  const total = round(
    Object.values(items).reduce((a, i) => a + i.usdPerMillionCases, 0),
    2,
  );
  return {
    costPerMillionCasesUsd: total,
    costItems: {
      byItem: items,
      note: "Cloudflare list prices from memory (no web access on 2026-12-07): marginal, allowances left out; object duration estimated; see scripts/bench/cost.ts",
    },
  };
}
