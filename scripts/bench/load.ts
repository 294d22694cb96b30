/**
 * The two load generators.
 *
 * Closed loop (fixed concurrency, for throughput): autocannon, which writes raw HTTP/1.1 on
 * keep-alive sockets and is cheap enough per request that one core of it outruns workerd's
 * hello-world. Its own histogram keeps whole milliseconds, so latencies are taken from its
 * per-response event instead (fractional ms).
 *
 * Open loop (constant rate, for tail latency): our own timer-driven generator. autocannon's
 * `overallRate` lets each connection send its quota at the top of every second, so 50 req/s arrives
 * as one burst of 50 per second; here request i is due at start + i/rate whatever happened to the
 * earlier ones, and its latency counts from that due time, so a stall is charged to every request
 * that waited behind it instead of being hidden (coordinated omission).
 */

import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { percentile, sleep } from "./stats.ts";

export interface HttpRequestSpec {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  responses: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
  /** Status code → count, to tell 429s from 500s at a glance. */
  statuses: Record<string, number>;
}

export interface ClosedLoopOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Builds request number i (unique keys, addresses …); called once per request. */
  request: (i: number) => HttpRequestSpec;
  /** Sees every response body (only wired when given: autocannon then buffers bodies). */
  onBody?: (status: number, body: string) => void;
  /**
   * Send request 0 over and over. For the ceiling Workers, which ignore the body: rebuilding each
   * request costs the generator about twice as much per request, and on a shared core that could
   * cap the ceiling below what workerd can do, flattering every ratio to it.
   */
  fixed?: boolean;
}

export async function closedLoop(opts: ClosedLoopOptions): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const first = opts.request(next++);
  const withBody = (spec: HttpRequestSpec) => (spec.body === undefined ? {} : { body: spec.body });
  const options: autocannon.Options = {
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 30,
    requests: [
      {
        method: first.method,
        path: first.path,
        headers: first.headers,
        ...withBody(first),
        // Called for every request after each connection's first: a fresh key and address each time.
        ...(opts.fixed
          ? {}
          : {
              setupRequest: (req: autocannon.Request) => {
                const spec = opts.request(next++);
                return { ...req, method: spec.method, path: spec.path, headers: spec.headers, ...withBody(spec) };
              },
            }),
        ...(opts.onBody ? { onResponse: (status: number, body: string) => opts.onBody?.(status, body) } : {}),
      },
    ],
  };
  const started = performance.now();
  // The callback form, because it returns the instance (for per-response events) as well.
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error: unknown, result) =>
      error ? reject(new Error(String(error))) : resolve(result),
    );
  });
  instance?.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  return summarize(latencies, statuses, result.errors + result.timeouts, seconds);
}

function summarize(latencies: number[], statuses: Record<string, number>, errors: number, seconds: number): LoadResult {
  const non2xx = Object.entries(statuses).reduce((n, [code, count]) => (code.startsWith("2") ? n : n + count), 0);
  return {
    rps: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    responses: latencies.length,
    non2xx,
    errors,
    seconds,
    statuses,
  };
}

export interface OpenLoopOptions {
  url: string;
  rate: number;
  seconds: number;
  request: (i: number) => HttpRequestSpec;
  /** Sees each response with the moment its request actually left (performance.now()). */
  onResponse?: (status: number, body: string, sentAt: number) => void;
}

export interface OpenLoopResult extends LoadResult {
  /** How late the generator itself sent requests (p99, ms): large values mean the figures above are the generator's. */
  sendLagP99Ms: number;
}

export async function openLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const lags: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 50;
  const fire = async (i: number, due: number) => {
    const spec = opts.request(i);
    const sentAt = performance.now();
    lags.push(sentAt - due);
    try {
      const res = await fetch(opts.url + spec.path, {
        method: spec.method,
        headers: spec.headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      latencies.push(performance.now() - due);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      opts.onResponse?.(res.status, body, sentAt);
    } catch {
      // A request that timed out (or failed) still made its submitter wait: its time counts in the
      // percentiles, so an overloaded server cannot look fast by dropping the slowest requests.
      latencies.push(performance.now() - due);
      errors++;
    }
  };
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait - 1);
    // setTimeout is only ms-accurate: spin out the last millisecond so sends stay evenly spaced.
    while (performance.now() < due) {
      /* spin */
    }
    inFlight.push(fire(i, due));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  const summary = summarize(latencies, statuses, errors, seconds);
  return {
    ...summary,
    responses: summary.responses - errors,
    rps: (summary.responses - errors) / seconds,
    sendLagP99Ms: percentile(lags, 99),
  };
}
