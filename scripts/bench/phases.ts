/**
 * The closed-loop phases: the runtime's ceiling, intake's submissions and the public reads, all at
 * one concurrency. A repetition runs every target once, in turn, so that whatever else the machine
 * is doing at the time weighs on the ceiling and on intake alike; medians are taken over repetitions.
 */
import type { BenchConfig } from "./config.ts";
import { waitIdle } from "./d1.ts";
import { closedLoop, type HttpRequestSpec, type LoadResult } from "./load.ts";
import { boardPage, caseView, formSubmission, jsonSubmission, runTag, trackingNoOf, widgetView } from "./requests.ts";
import type { Platform } from "./serve.ts";

export type Target =
  | "hello"
  | "hono"
  | "doCeiling"
  | "intake"
  | "intakeForm"
  | "caseView"
  | "board"
  | "widget"
  | "widgetMiss";
export const TARGETS: readonly Target[] = [
  "hello",
  "hono",
  "doCeiling",
  "intake",
  "intakeForm",
  "caseView",
  "board",
  "widget",
  "widgetMiss",
];

/** Shared across phases: how many cases D1 should hold once drained, and cases to read back. */
export interface RunState {
  acceptedCases: number;
  trackingNos: string[];
  /** Drain waits that timed out (the next phase then ran over leftover pipeline work). */
  drainTimeouts: number;
}

const MAX_TRACKING_SAMPLE = 5000;

interface Plan {
  url: string;
  request: (i: number) => HttpRequestSpec;
  /** Submissions create cases: count them and let the pipeline drain before the next phase. */
  submits: boolean;
  /** Repeat one request (see ClosedLoopOptions.fixed). */
  fixed?: boolean;
}

function plan(target: Target, platform: Platform, state: RunState): Plan {
  const tag = runTag();
  switch (target) {
    // The ceiling Workers get a POST of the same size and headers as intake's, so the runtime
    // reads the same bytes; only what the Worker does with them differs.
    case "hello":
      return { url: platform.urls["bench-hello"], request: (i) => jsonSubmission(tag, i), submits: false, fixed: true };
    case "hono":
      return { url: platform.urls["bench-hono"], request: (i) => jsonSubmission(tag, i), submits: false, fixed: true };
    // A new SQLite-backed durable object and one row per request (workers/do-ceiling.ts).
    case "doCeiling":
      return { url: platform.urls["bench-do"], request: (i) => jsonSubmission(tag, i), submits: false, fixed: true };
    case "intake":
      return { url: platform.urls["wenzheng-intake"], request: (i) => jsonSubmission(tag, i), submits: true };
    case "intakeForm":
      return { url: platform.urls["wenzheng-intake"], request: (i) => formSubmission(tag, i), submits: true };
    case "caseView":
      return { url: platform.urls["wenzheng-intake"], request: caseView(state.trackingNos), submits: false };
    case "board":
      return { url: platform.urls["wenzheng-intake"], request: boardPage, submits: false };
    // A partner's page asks for the same case over and over (cache hits), or every request is a
    // URL the cache has never seen (misses: the Worker reads D1).
    case "widget":
      return { url: platform.urls["wenzheng-intake"], request: widgetView(state.trackingNos, false), submits: false };
    case "widgetMiss":
      return { url: platform.urls["wenzheng-intake"], request: widgetView(state.trackingNos, true), submits: false };
  }
}

async function runOnce(
  target: Target,
  seconds: number,
  config: BenchConfig,
  platform: Platform,
  state: RunState,
): Promise<LoadResult> {
  const p = plan(target, platform, state);
  const result = await closedLoop({
    url: p.url,
    connections: config.concurrency,
    seconds,
    request: p.request,
    fixed: p.fixed ?? false,
    ...(target === "intake"
      ? {
          onBody: (status: number, body: string) => {
            const t = status === 201 ? trackingNoOf(body) : null;
            if (t && state.trackingNos.length < MAX_TRACKING_SAMPLE) state.trackingNos.push(t);
          },
        }
      : {}),
  });
  if (p.submits) {
    state.acceptedCases += Object.entries(result.statuses).reduce(
      (n, [code, count]) => (code.startsWith("2") ? n + count : n),
      0,
    );
    if ((await waitIdle(platform.db, state.acceptedCases, config.drainTimeoutMs)) < 0) state.drainTimeouts++;
  }
  return result;
}

export type Rounds = Record<Target, LoadResult[]>;

/** Warms every target once (JIT, caches, the first durable objects), then runs the repetitions. */
export async function throughputRounds(
  config: BenchConfig,
  platform: Platform,
  state: RunState,
  log: (line: string) => void,
): Promise<Rounds> {
  for (const target of TARGETS) await runOnce(target, config.warmupSeconds, config, platform, state);
  const rounds = Object.fromEntries(TARGETS.map((t) => [t, [] as LoadResult[]])) as Rounds;
  for (let rep = 1; rep <= config.reps; rep++) {
    for (const target of TARGETS) {
      const r = await runOnce(target, config.seconds, config, platform, state);
      rounds[target].push(r);
      log(
        `  rep ${rep}/${config.reps} ${target.padEnd(10)} ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`,
      );
    }
  }
  return rounds;
}
