/**
 * D1 per case, counted: the platform served with the counting shim in front of each Worker
 * (count-shim.ts says why and how), a few warm-up cases, counters reset, N cases submitted and
 * the pipeline left to go idle (every case projected and routed, every queue consumed: the
 * evaluation consumer's rollups and the deadline Worker's registry row are part of each case from
 * submitted to assigned), then every Worker's counters summed and divided by N.
 */
import { mkdirSync } from "node:fs";
import type { BuiltWorker } from "./build.ts";
import { COUNTS_PATH, type StageCounts, withCountingShim } from "./count-shim.ts";
import { backlog, type D1Client } from "./d1.ts";
import { submitCases, waitPipelineIdle } from "./pipeline.ts";
import { runTag } from "./requests.ts";
import { applyMigrations, seedDemo, startPlatform } from "./serve.ts";
import { round } from "./stats.ts";

const STAGES: Record<string, string> = {
  "wenzheng-intake": "intake",
  "wenzheng-assignment": "assignment",
  "wenzheng-evaluation": "evaluation",
  "wenzheng-deadline": "deadline",
};

export interface D1Counts {
  cases: number;
  /** Earlier cases D1 held (history.ts). */
  historyCases: number;
  /** Per case, all stages. */
  d1: { roundTrips: number; statements: number; rowsRead: number; rowsWritten: number };
  queueMessages: number;
  queueSends: number;
  /** The case object's own SQLite per case. */
  objectSql: { statements: number; rowsRead: number; rowsWritten: number };
  /** Requests to the case object (RPC calls and alarms) per case, by method. */
  objectRequests: { total: number; byMethod: Record<string, number> };
  /** Worker invocations per case: HTTP requests, queue batches and messages delivered. */
  invocations: Record<string, number>;
  byStage: Record<string, StageCounts>;
  drained: boolean;
}

export async function d1CountRun(
  built: BuiltWorker[],
  dir: string,
  settings: { cases: number; concurrency: number; timeoutMs: number },
  fill?: (db: D1Client) => Promise<number>,
): Promise<D1Counts> {
  mkdirSync(dir, { recursive: true });
  const shimmed = built.map((w) => {
    const stage = STAGES[w.name];
    return stage ? withCountingShim(w, stage) : w;
  });
  const consumers = Object.keys(STAGES).filter((n) => n !== "wenzheng-intake");
  const platform = await startPlatform(shimmed, dir, { extraSockets: consumers });
  const origins = { ...platform.extraUrls, "wenzheng-intake": platform.urls["wenzheng-intake"] };
  const readCounts = async (reset: boolean) => {
    const all: Record<string, StageCounts> = {};
    for (const origin of Object.values(origins)) {
      const res = await fetch(`${origin}${COUNTS_PATH}${reset ? "?reset=1" : ""}`);
      Object.assign(all, (await res.json()) as Record<string, StageCounts>);
    }
    return all;
  };
  try {
    await applyMigrations(platform.db);
    await seedDemo(platform.urls["wenzheng-intake"]);
    const historyCases = fill ? await fill(platform.db) : 0;
    const { cases: before } = await backlog(platform.db);
    const warm = await submitCases(platform.urls["wenzheng-intake"], runTag(), 5, 2);
    await waitPipelineIdle(platform.workerdPids, platform.db, before + warm.accepted, settings.timeoutMs);
    await readCounts(true);
    const sent = await submitCases(platform.urls["wenzheng-intake"], runTag(), settings.cases, settings.concurrency);
    const idle = await waitPipelineIdle(
      platform.workerdPids,
      platform.db,
      before + warm.accepted + sent.accepted,
      settings.timeoutMs,
    );
    return { ...summarize(await readCounts(false), Math.max(1, sent.accepted), idle !== null), historyCases };
  } finally {
    await platform.dispose();
  }
}

function summarize(byStage: Record<string, StageCounts>, n: number, drained: boolean): Omit<D1Counts, "historyCases"> {
  const stages = Object.values(byStage);
  const total = (pick: (s: StageCounts) => number) => round(stages.reduce((a, s) => a + pick(s), 0) / n, 2);
  const merge = (pick: (s: StageCounts) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const s of stages) for (const [k, v] of Object.entries(pick(s))) out[k] = (out[k] ?? 0) + v;
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v / n, 2)]));
  };
  const byMethod = merge((s) => s.objectCalls);
  const perCase = (xs: Record<string, number>) =>
    Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, round(v / n, 2)]));
  return {
    cases: n,
    d1: {
      roundTrips: total((s) => s.roundTrips),
      statements: total((s) => s.statements),
      rowsRead: total((s) => s.rowsRead),
      rowsWritten: total((s) => s.rowsWritten),
    },
    queueMessages: total((s) => s.queueMessages),
    objectSql: {
      statements: total((s) => s.sqlStatements),
      rowsRead: total((s) => s.sqlRowsRead),
      rowsWritten: total((s) => s.sqlRowsWritten),
    },
    queueSends: total((s) => s.queueSends),
    objectRequests: {
      total: round(
        Object.values(byMethod).reduce((a, b) => a + b, 0),
        2,
      ),
      byMethod,
    },
    invocations: merge((s) => s.invocations),
    byStage: Object.fromEntries(
      Object.entries(byStage).map(([stage, s]) => [
        stage,
        {
          ...s,
          roundTrips: round(s.roundTrips / n, 2),
          statements: round(s.statements / n, 2),
          rowsRead: round(s.rowsRead / n, 2),
          rowsWritten: round(s.rowsWritten / n, 2),
          queueSends: round(s.queueSends / n, 2),
          queueMessages: round(s.queueMessages / n, 2),
          objectCalls: perCase(s.objectCalls),
          invocations: perCase(s.invocations),
        },
      ]),
    ),
    drained,
  };
}
