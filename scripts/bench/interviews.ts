/**
 * `npm run bench -- --interviews N`: the 在线访谈 fan-out. One live session on the platform served as
 * the other phases serve it (serve.ts), N viewers connected to its live feed by WebSocket, then
 * answers at a steady rate, each pushed by the session's object to every viewer. Measured: viewers
 * connected and how long that took, frames delivered per second, and each frame's delivery delay
 * (from the moment the answer was sent to the moment a viewer had it) at p50 / p99 / max, and
 * whether every viewer got every answer. The load generator is this Node process (its WebSocket).
 */
import { performance } from "node:perf_hooks";
import type { BuiltWorker } from "./build.ts";
import { workerdCpuMs } from "./pipeline.ts";
import { applyMigrations, type Platform, pin, SEED_TOKEN, seedDemo, startPlatform, unpin } from "./serve.ts";
import { percentile, round, sleep } from "./stats.ts";

export interface InterviewsConfig {
  viewers: number;
  answers: number;
  /** Answers a second. */
  rate: number;
}

export interface InterviewsRun {
  config: InterviewsConfig;
  connected: number;
  connectSeconds: number;
  framesExpected: number;
  framesReceived: number;
  /** Viewers that missed at least one answer (dropped, or not in time). */
  viewersMissingFrames: number;
  framesPerSecond: number;
  deliveryMs: { p50: number; p99: number; max: number };
  answerRequestMs: { p50: number; p99: number };
  workerdCpuMsPerFrame: number;
  pinning: string;
}

const CONNECT_BATCH = 100;

async function demo(intake: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${intake}/__demo${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-token": SEED_TOKEN },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

interface Viewer {
  socket: WebSocket;
  got: Set<string>;
}

/** Opens the viewers in batches; each counts once its first (status) frame arrived. */
async function connectViewers(
  url: string,
  count: number,
  onAnswer: (v: Viewer, questionId: string) => void,
): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, () => {
      const viewer: Viewer = { socket: new WebSocket(url), got: new Set() };
      return new Promise<Viewer | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 30_000);
        viewer.socket.addEventListener("message", (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; questionId?: string };
          if (frame.type === "status") {
            clearTimeout(timer);
            resolve(viewer);
          } else if (frame.type === "answer" && frame.questionId) onAnswer(viewer, frame.questionId);
        });
        viewer.socket.addEventListener("error", () => resolve(null));
      });
    });
    for (const v of await Promise.all(batch)) if (v) viewers.push(v);
  }
  return viewers;
}

export async function interviewsRun(
  built: BuiltWorker[],
  persistDir: string,
  config: InterviewsConfig,
  cores: number,
  log: (line: string) => void,
): Promise<InterviewsRun> {
  let platform: Platform | undefined;
  try {
    platform = await startPlatform(built, persistDir);
    await applyMigrations(platform.db);
    const intake = platform.urls["wenzheng-intake"];
    await seedDemo(intake);
    const pinning = pin(platform.workerdPids, cores);
    const { id, questionIds } = (await demo(intake, "/interviews", { questions: config.answers })) as {
      id: string;
      questionIds: string[];
    };
    const sentAt = new Map<string, number>();
    const delays: number[] = [];
    const t0 = performance.now();
    const viewers = await connectViewers(
      `${intake.replace(/^http/, "ws")}/api/v1/interviews/${id}/live`,
      config.viewers,
      (v, q) => {
        if (v.got.has(q)) return;
        v.got.add(q);
        const sent = sentAt.get(q);
        if (sent !== undefined) delays.push(performance.now() - sent);
      },
    );
    const connectSeconds = (performance.now() - t0) / 1000;
    log(
      `  ${viewers.length}/${config.viewers} viewers connected in ${connectSeconds.toFixed(1)} s; ${config.answers} answers at ${config.rate}/s …`,
    );

    const cpu0 = workerdCpuMs(platform.workerdPids);
    const requestMs: number[] = [];
    const start = performance.now();
    const answering = questionIds.map(async (questionId, i) => {
      await sleep(Math.max(0, start + (i * 1000) / config.rate - performance.now()));
      const sent = performance.now();
      sentAt.set(questionId, sent);
      await demo(intake, `/interviews/${id}/answer`, { questionId });
      requestMs.push(performance.now() - sent);
    });
    await Promise.all(answering);
    const expected = viewers.length * questionIds.length;
    for (let waited = 0; delays.length < expected && waited < 30_000; waited += 100) await sleep(100);
    const seconds = (performance.now() - start) / 1000;
    const cpuMs = workerdCpuMs(platform.workerdPids) - cpu0;
    for (const v of viewers) v.socket.close(1000, "bench done");
    unpin(cores);
    return {
      config,
      connected: viewers.length,
      connectSeconds: round(connectSeconds, 1),
      framesExpected: expected,
      framesReceived: delays.length,
      viewersMissingFrames: viewers.filter((v) => v.got.size < questionIds.length).length,
      framesPerSecond: round(delays.length / seconds, 0),
      deliveryMs: {
        p50: round(percentile(delays, 50)),
        p99: round(percentile(delays, 99)),
        // A loop, not Math.max(...delays): thousands of viewers × answers overflow the call stack.
        max: round(delays.reduce((m, d) => Math.max(m, d), 0)),
      },
      answerRequestMs: { p50: round(percentile(requestMs, 50)), p99: round(percentile(requestMs, 99)) },
      workerdCpuMsPerFrame: round(cpuMs / Math.max(1, delays.length), 3),
      pinning,
    };
  } finally {
    await platform?.dispose();
  }
}

export function interviewsMarkdown(run: InterviewsRun, commit: string): string {
  const d = run.deliveryMs;
  return [
    `| 在线访谈 fan-out (${commit}) | result |`,
    "| --- | --- |",
    `| viewers connected | ${run.connected} of ${run.config.viewers} in ${run.connectSeconds} s |`,
    `| answers pushed | ${run.config.answers} at ${run.config.rate}/s |`,
    `| frames delivered | ${run.framesReceived} of ${run.framesExpected} (${run.viewersMissingFrames} viewers missed one), ${run.framesPerSecond}/s |`,
    `| delivery delay p50 / p99 / max | ${d.p50} / ${d.p99} / ${d.max} ms |`,
    `| answer request p50 / p99 | ${run.answerRequestMs.p50} / ${run.answerRequestMs.p99} ms |`,
    `| workerd CPU per frame delivered | ${run.workerdCpuMsPerFrame} ms |`,
  ].join("\n");
}
