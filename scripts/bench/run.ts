/**
 * `npm run bench` (full, ~20–25 min), `npm run bench -- --smoke` (every phase, a few minutes) and
 * `npm run bench:cpu` (the per-case phases only, smoke sizes; `npm run bench -- --cpu-only` at full size).
 *
 * One run: build the four Workers and the bench's own (three ceilings, the D1 probe) once with
 * `wrangler deploy --dry-run`; the per-case phases, each on a platform of its own over a history of
 * earlier cases (per-case.ts: D1 and queue counts, CPU per case by stage, CPU over a larger
 * history); then serve everything in one workerd through the Miniflare API (serve.ts), apply the
 * D1 migrations and seed the demo configuration, and measure — ceilings, intake and public reads in closed loop
 * (phases.ts), intake at a constant rate with pipeline latency and the exactly-once check
 * (rate.ts), then with the platform stopped the deadline sweep, the rollups and report, and the
 * classifier (extras.ts); last, the self-hosted target (selfhost.ts: `npm run selfhost`'s build on plain
 * workerd, intake req/s, CPU per case, routed latency, cases a year per 4-core VM), alone with
 * `npm run bench -- --selfhost-only` (add --smoke for smoke sizes). `npm run bench -- --soak 600` runs only the
 * soak (soak.ts): constant-rate intake for ten minutes, then every case checked. `npm run bench -- --import N`
 * runs only the board import (import.ts): N messages of the demo's year, timed and profiled.
 * `npm run bench -- --opinion N` times only one month's hot-issue analysis over N real messages (opinion.ts).
 * `npm run bench -- --interviews N` runs only the 在线访谈 fan-out (interviews.ts): N WebSocket viewers of one
 * live session, answers pushed at a steady rate, delivery delay p50/p99 and frames a second.
 * Progress goes to stderr; the Markdown table to stdout; the JSON to bench/results/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { apartPhase } from "./apart.ts";
import { buildAll, root, wranglerVersion } from "./build.ts";
import { parseArgs } from "./config.ts";
import { classifierPhase, rollupPhase, sweepPhase } from "./extras.ts";
import { importRun } from "./import.ts";
import { interviewsMarkdown, interviewsRun } from "./interviews.ts";
import { opinionBench } from "./opinion.ts";
import { perCasePhases } from "./per-case.ts";
import { type RunState, throughputRounds } from "./phases.ts";
import { type RateRun, ratePhase } from "./rate.ts";
import { buildResult, type Meta, writeResult } from "./report.ts";
import { apartMarkdown } from "./report-apart.ts";
import { markdown } from "./report-markdown.ts";
import { perCaseFigures, perCaseMarkdown } from "./report-per-case.ts";
import { selfhostMarkdown } from "./report-selfhost.ts";
import { selfhostPhase } from "./selfhost.ts";
import {
  applyMigrations,
  miniflareVersion,
  type Platform,
  pin,
  platformFacts,
  seedDemo,
  startPlatform,
  unpin,
  workerdVersion,
} from "./serve.ts";
import { soakMarkdown, soakRun } from "./soak.ts";

const config = parseArgs(process.argv.slice(2));
const started = performance.now();
const log = (line: string) => console.error(line);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
const cores = os.cpus().length;
const notes: string[] = [];

const commit = git("rev-parse", "--short", "HEAD");
if (git("status", "--porcelain", "--untracked-files=no") !== "")
  notes.push(`the work tree had uncommitted changes on top of ${commit}`);
const loadAverageBefore = os.loadavg().map((x) => Number(x.toFixed(2)));
const compat = platformFacts();
const tmp = mkdtempSync(path.join(os.tmpdir(), "wenzheng-bench-"));
let platform: Platform | undefined;

// Ctrl-C must not leave a workerd behind.
process.once("SIGINT", () => {
  void (platform?.dispose() ?? Promise.resolve()).finally(() => process.exit(130));
});

if (config.selfhostOnly) {
  const selfhost = await selfhostPhase(config, path.join(tmp, "selfhost"), cores, log);
  const apart = await apartPhase(config, path.join(tmp, "apart"), path.join(tmp, "selfhost"), cores, log);
  const file = path.join(root, `bench/results/selfhost${config.smoke ? "-smoke" : ""}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), commit, config, selfhost, apart }, null, 2)}\n`,
  );
  console.log([...selfhostMarkdown(selfhost), ...apartMarkdown(apart)].join("\n"));
  log(`wrote ${path.relative(root, file)} (${elapsed()})`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

if (config.soakSeconds > 0) {
  const soak = await soakRun(config, tmp, cores, log, (p) => {
    platform = p;
  });
  const when = new Date().toISOString();
  const dir = path.join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify({ when, commit, notes, config, loadAverageBefore, ...soak }, null, 2)}\n`;
  for (const f of [path.join(dir, "soak.json"), path.join(dir, `soak-${commit}.json`)]) {
    writeFileSync(f, json);
    log(`wrote ${path.relative(root, f)} (${elapsed()})`);
  }
  console.log(soakMarkdown(soak, commit, when));
  rmSync(tmp, { recursive: true, force: true });
  process.exit(soak.verdict.ok ? 0 : 1);
}

if (config.opinionMessages > 0) {
  log(`bench --opinion ${config.opinionMessages}: one month's hot issues over real messages …`);
  const run = opinionBench(config.opinionMessages);
  const file = path.join(root, "bench/results/opinion.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), commit, loadAverageBefore, ...run }, null, 2)}\n`,
  );
  console.log(JSON.stringify(run, null, 2));
  log(`wrote ${path.relative(root, file)} (${elapsed()})`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

log(`bench${config.smoke ? " --smoke" : ""}: building the Workers (wrangler deploy --dry-run) …`);
const built = await buildAll(path.join(tmp, "build"), compat);
log(`  built ${built.length} Workers (${elapsed()})`);

if (config.importCases > 0) {
  const run = await importRun(built, path.join(tmp, "import"), { cases: config.importCases, timeoutMs: 600_000 }, log);
  const file = path.join(root, "bench/results/import.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), commit, loadAverageBefore, ...run }, null, 2)}\n`,
  );
  log(`wrote ${path.relative(root, file)} (${elapsed()})`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

if (config.interviewViewers > 0) {
  const interviews = {
    viewers: config.interviewViewers,
    answers: config.interviewAnswers,
    rate: config.interviewRate,
  };
  log(`在线访谈 fan-out: ${interviews.viewers} viewers …`);
  const run = await interviewsRun(built, path.join(tmp, "interviews"), interviews, cores, log);
  const file = path.join(root, "bench/results/interviews.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), commit, notes, loadAverageBefore, ...run }, null, 2)}\n`,
  );
  console.log(interviewsMarkdown(run, commit));
  log(`wrote ${path.relative(root, file)} (${elapsed()})`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(run.framesReceived === run.framesExpected ? 0 : 1);
}

const perCase = await perCasePhases(built, tmp, config, cores, log);
if (config.cpuOnly) {
  const file = path.join(root, "bench/results/cpu.json");
  mkdirSync(path.dirname(file), { recursive: true });
  const figures = perCaseFigures(perCase);
  writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), config, ...figures }, null, 2)}\n`);
  console.log(perCaseMarkdown(figures).join("\n"));
  log(`wrote ${path.relative(root, file)} (${elapsed()})`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

const state: RunState = { acceptedCases: 0, trackingNos: [], drainTimeouts: 0 };
const rateRuns: RateRun[] = [];
let pinning = "not pinned";
let rounds: Awaited<ReturnType<typeof throughputRounds>> | undefined;
try {
  platform = await startPlatform(built, path.join(tmp, "state"));
  const statements = await applyMigrations(platform.db);
  await seedDemo(platform.urls["wenzheng-intake"]);
  pinning = pin(platform.workerdPids, cores);
  log(
    `  serving through Miniflare: ${statements} migration statements applied, demo configuration seeded, ${pinning} (${elapsed()})`,
  );

  log(`closed loop: ${config.concurrency} connections, ${config.seconds} s × ${config.reps} …`);
  rounds = await throughputRounds(config, platform, state, log);

  log(`open loop: ${config.rate} req/s × ${config.rateSeconds} s × ${config.rateReps} …`);
  for (let rep = 1; rep <= config.rateReps; rep++) {
    const r = await ratePhase(config, platform, state);
    rateRuns.push(r);
    log(
      `  rep ${rep}/${config.rateReps} ${r.load.rps.toFixed(1)} req/s  p50 ${r.load.p50Ms.toFixed(1)} ms  p99 ${r.load.p99Ms.toFixed(1)} ms  ` +
        `pipeline p50 ${r.pipelineVisible.p50Ms.toFixed(0)} ms p99 ${r.pipelineVisible.p99Ms.toFixed(0)} ms  ` +
        `exactly once ${r.exactlyOnce.ok ? "yes" : "NO"} (${r.exactlyOnce.accepted}/${r.exactlyOnce.found}/${r.exactlyOnce.taggedRows})  drained in ${(r.drainMs / 1000).toFixed(1)} s (${elapsed()})`,
    );
  }
} finally {
  await platform?.dispose();
  platform = undefined;
}
unpin(cores);

log(`deadline sweep (scripts/bench/sweep.ts, SWEEP_SIZES=${config.sweepSizes}) …`);
const sweep = await sweepPhase(config.sweepSizes);
log(`rollups and report (scripts/bench/rollups.ts, ROLLUP_SIZES=${config.rollupSizes}) …`);
const rollups = await rollupPhase(config.rollupSizes);
log(`classifier …`);
const classifier = await classifierPhase(config.classifierSeconds);
const selfhost = await selfhostPhase(config, path.join(tmp, "selfhost"), cores, log);
const apart = await apartPhase(config, path.join(tmp, "apart"), path.join(tmp, "selfhost"), cores, log);

if (state.drainTimeouts > 0)
  notes.push(
    `${state.drainTimeouts} time(s) the pipeline had not drained within ${config.drainTimeoutMs / 1000} s; the next phase ran over the leftover work`,
  );
notes.push(
  `served by wrangler's own miniflare ${miniflareVersion()} (its constructor takes the 5.x shape; the 4.x options come from wrangler's unstable_getMiniflareWorkerOptions and go through convertV4MiniflareOptions), with a direct socket per HTTP Worker; D1 and durable objects on disk in a fresh temp dir; the platform's compatibility_date ${compat.date} is used unchanged (miniflare@4's workerd predates it)`,
  "intakeRate latencies count from each request's scheduled send time, and requests that timed out count at their timeout",
  "here every Worker, durable object, D1 and queue shares one workerd thread, so the pipeline's background work (projection, routing, evaluation) competes with intake's requests; in production they run apart",
);
const meta: Meta = {
  when: new Date().toISOString(),
  commit,
  cpu: os.cpus()[0]?.model ?? "?",
  cores,
  node: process.version,
  wrangler: await wranglerVersion(),
  miniflare: miniflareVersion(),
  workerd: workerdVersion(),
  compatibilityDate: compat.date,
  loadAverageBefore,
  loadAverageAfter: os.loadavg().map((x) => Number(x.toFixed(2))),
  pinning,
  seconds: (performance.now() - started) / 1000,
};
if (!rounds) throw new Error("no measurements");
const result = buildResult(
  meta,
  config,
  rounds,
  rateRuns,
  sweep,
  rollups,
  classifier,
  notes,
  perCaseFigures(perCase),
  selfhost,
  apart,
);
console.log(markdown(result));
for (const f of writeResult(root, result)) log(`wrote ${path.relative(root, f)}`);
rmSync(tmp, { recursive: true, force: true });
