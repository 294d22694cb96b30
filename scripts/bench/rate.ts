/**
 * The open-loop phase: JSON submissions at a constant rate (50/s for 60 s in the full run), the load
 * a busy city's platform might see at its peak. Measures the submitters' tail latency, watches a
 * sample of cases until routing makes them visible as assigned (pipeline latency under that load),
 * and afterwards checks that every accepted submission became exactly one case.
 */
import { performance } from "node:perf_hooks";
import type { BenchConfig } from "./config.ts";
import { type D1Client, type ExactlyOnce, exactlyOnce, PipelineWatch, routedInObject, waitIdle } from "./d1.ts";
import { type HttpRequestSpec, type OpenLoopResult, openLoop } from "./load.ts";
import type { RunState } from "./phases.ts";
import { jsonSubmission, runTag, trackingNoOf } from "./requests.ts";
import type { Platform } from "./serve.ts";
import { percentile } from "./stats.ts";

export interface RateRun {
  load: OpenLoopResult;
  /** From the last response until every case was projected and routed (ms; -1: gave up waiting). */
  drainMs: number;
  exactlyOnce: ExactlyOnce & { clientTimeouts: number };
  /** Submission → case visible as assigned in the read model (sampled, polled). */
  pipelineVisible: { p50Ms: number; p99Ms: number; samples: number; unrouted: number; other: Record<string, number> };
  /** Submission → assignment appended in the case's durable object (every case, from D1's timestamps). */
  pipelineInObject: { p50Ms: number; p99Ms: number; samples: number };
  /** Spot check: of a few accepted cases, how many the public JSON view shows as assigned. */
  publicView: string;
}

/** What the phase needs of a platform: Miniflare's (serve.ts) or the self-hosted one (selfhost.ts). */
export interface RateTarget {
  urls: Pick<Platform["urls"], "wenzheng-intake">;
  db: D1Client;
}

export async function ratePhase(
  config: BenchConfig,
  platform: RateTarget,
  state: RunState,
  request: (tag: string, i: number) => HttpRequestSpec = jsonSubmission,
): Promise<RateRun> {
  const tag = runTag();
  const watch = new PipelineWatch(platform.db, config.pipelinePollMs);
  const accepted: string[] = [];
  watch.start();
  const load = await openLoop({
    url: platform.urls["wenzheng-intake"],
    rate: config.rate,
    seconds: config.rateSeconds,
    request: (i) => request(tag, i),
    onResponse: (status, body, sentAt) => {
      const trackingNo = status === 201 || status === 200 ? trackingNoOf(body) : null;
      if (!trackingNo) return;
      if (accepted.length % config.pipelineSampleEvery === 0) watch.track(trackingNo, sentAt);
      accepted.push(trackingNo);
    },
  });
  // Drained first, with the watch still polling, so that its slowest cases are seen too.
  const loadEnded = performance.now();
  state.acceptedCases += accepted.length;
  const idle = await waitIdle(platform.db, state.acceptedCases, config.drainTimeoutMs);
  if (idle < 0) state.drainTimeouts++;
  const drainMs = idle < 0 ? -1 : performance.now() - loadEnded;
  const pipeline = await watch.finish(5_000);
  const once = await exactlyOnce(platform.db, tag, accepted);
  // Rows beyond the accepted ones can only be requests the client abandoned after its timeout.
  const orphans = once.taggedRows - once.accepted;
  state.acceptedCases += Math.max(0, orphans);
  const inObject = await routedInObject(platform.db, tag);
  const publicView = await publicViewAgrees(platform.urls["wenzheng-intake"], accepted.slice(0, 5));
  return {
    load,
    drainMs,
    exactlyOnce: { ...once, ok: once.found === once.accepted && orphans <= load.errors, clientTimeouts: load.errors },
    pipelineVisible: {
      p50Ms: percentile(pipeline.latencies, 50),
      p99Ms: percentile(pipeline.latencies, 99),
      samples: pipeline.latencies.length,
      unrouted: pipeline.unrouted,
      other: pipeline.other,
    },
    pipelineInObject: { p50Ms: percentile(inObject, 50), p99Ms: percentile(inObject, 99), samples: inObject.length },
    publicView,
  };
}

/**
 * The watch reads `cases.status` in D1; the public JSON view is what citizens see. Checks on a few
 * cases that the two agree (the view shows them as assigned), so the watch measures the right thing.
 */
async function publicViewAgrees(intakeUrl: string, trackingNos: string[]): Promise<string> {
  let assigned = 0;
  for (const t of trackingNos) {
    const res = await fetch(`${intakeUrl}/api/v1/cases/${t}`);
    const view = (await res.json()) as { status?: unknown };
    if (view.status === "assigned") assigned++;
  }
  return `${assigned}/${trackingNos.length} assigned`;
}
