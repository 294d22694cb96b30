/**
 * Serves the built Workers in one workerd through the Miniflare API, not `wrangler dev` (whose
 * proxy costs several times the runtime and answers 503 under load).
 *
 * Which Miniflare: wrangler's own (a 5.x pre-release). Its workerd is the one `wrangler dev` and the
 * tests use, so it accepts the platform's compatibility_date; miniflare@4's bundled workerd is older
 * than that date and refuses to start. The 5.x constructor takes a new option shape, but the same
 * package ships `convertV4MiniflareOptions`, which turns the documented 4.x options (scriptPath,
 * d1Databases, durableObjects with scriptName, queues, ratelimits, serviceBindings, bindings) into
 * it. The 4.x options come from wrangler's `unstable_getMiniflareWorkerOptions`, which reads each
 * wrangler.toml, so a binding added to a config is served here without touching this file.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as MiniflareModule from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import type { BuiltWorker } from "./build.ts";
import { root } from "./build.ts";
import { type D1Client, d1Client } from "./d1.ts";

/** Secrets, as plain bindings (what `.dev.vars` or `wrangler secret put` would provide). */
export const SEED_TOKEN = "bench-seed-token";
export const IMPORT_TOKEN = "bench-import-token-0123456789";
const SECRETS: Record<string, Record<string, string>> = {
  "wenzheng-intake": { QUERY_CODE_SECRET: "bench-query-code-secret", DEMO_SEED_TOKEN: SEED_TOKEN, IMPORT_TOKEN },
  "wenzheng-assignment": { SESSION_SECRET: "bench-session-secret" },
};
/** Workers reached over HTTP: each gets its own socket straight into workerd (see below). */
const HTTP_WORKERS = ["wenzheng-intake", "bench-hello", "bench-hono", "bench-do", "bench-d1"] as const;
export type HttpWorker = (typeof HTTP_WORKERS)[number];

const requireHere = createRequire(import.meta.url);
const wranglerRequire = createRequire(requireHere.resolve("wrangler/package.json"));

async function loadMiniflare(): Promise<typeof MiniflareModule> {
  const mod = (await import(pathToFileURL(wranglerRequire.resolve("miniflare")).href)) as typeof MiniflareModule & {
    default?: typeof MiniflareModule;
  };
  // A CommonJS build imported from ESM may put its exports on `default` only.
  return typeof mod.Miniflare === "function" ? mod : (mod.default ?? mod);
}

/** The workerd that actually runs: the one beside wrangler's miniflare. */
export function workerdVersion(): string {
  const miniflareRequire = createRequire(wranglerRequire.resolve("miniflare"));
  const pkg = JSON.parse(readFileSync(miniflareRequire.resolve("workerd/package.json"), "utf8")) as { version: string };
  return pkg.version;
}

export function miniflareVersion(): string {
  const pkg = JSON.parse(
    readFileSync(path.join(path.dirname(wranglerRequire.resolve("miniflare")), "../../package.json"), "utf8"),
  ) as { version: string };
  return pkg.version;
}

/** Intake's compatibility date and flags, which the bench's Workers copy, and its D1 database id. */
export function platformFacts(): { date: string; flags: string[]; d1Id: string } {
  const workerOptions = workerOptionsFor(path.join(root, "wrangler.toml"));
  const d1 = workerOptions.d1Databases as Record<string, { id?: string } | string> | undefined;
  const db = d1?.DB;
  return {
    date: workerOptions.compatibilityDate ?? "",
    flags: workerOptions.compatibilityFlags ?? [],
    d1Id: (typeof db === "string" ? db : db?.id) ?? "",
  };
}

/** The few fields read here; the rest is passed through untouched. */
interface WranglerWorkerOptions {
  compatibilityDate?: string;
  compatibilityFlags?: string[];
  bindings?: Record<string, unknown>;
  [option: string]: unknown;
}

/** A wrangler.toml as Miniflare 4.x worker options (bindings, durable objects, queues, ratelimits …). */
function workerOptionsFor(configPath: string): WranglerWorkerOptions {
  // Quiet wrangler's "Using secrets defined in .dev.vars" on stdout (the table goes there, and the
  // bench replaces those secrets anyway), unless the caller chose a log level.
  const chosen = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = chosen ?? "warn";
  try {
    return unstable_getMiniflareWorkerOptions(configPath).workerOptions as WranglerWorkerOptions;
  } finally {
    if (chosen === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = chosen;
  }
}

export interface Platform {
  urls: Record<HttpWorker, string>;
  /** Origins of PlatformOptions.extraSockets, by Worker name. */
  extraUrls: Record<string, string>;
  db: D1Client;
  workerdPids: number[];
  dispose(): Promise<void>;
}

export interface PlatformOptions {
  /** Open workerd's inspector on this port (per-isolate CPU profiles, cpu.ts). */
  inspectorPort?: number;
  /** Also give these Workers a direct socket (the D1 counting run reads each Worker's counters). */
  extraSockets?: readonly string[];
}

/** Serves the bundles; storage under persistDir (omit it for in-memory storage). */
export async function startPlatform(
  workers: BuiltWorker[],
  persistDir?: string,
  opts: PlatformOptions = {},
): Promise<Platform> {
  const sockets = new Set<string>([...HTTP_WORKERS, ...(opts.extraSockets ?? [])]);
  const mf = await loadMiniflare();
  const options = workers.map((w) => {
    const workerOptions = workerOptionsFor(w.configPath);
    return {
      ...workerOptions,
      name: w.name,
      // Module names are paths relative to rootPath; workerd refuses ones that climb out with "..".
      rootPath: path.dirname(w.scriptPath),
      modulesRoot: path.dirname(w.scriptPath),
      // The bundle first, then the text modules wrangler wrote beside it (the evaluation Worker's ECharts).
      modules: [
        { type: "ESModule", path: w.scriptPath },
        ...(w.extraModules ?? []).map((p) => ({ type: "ESModule", path: p })),
        ...readdirSync(path.dirname(w.scriptPath))
          .filter((f) => f.endsWith(".min.js"))
          .map((f) => ({ type: "Text", path: path.join(path.dirname(w.scriptPath), f) })),
      ],
      // wrangler read the developer's .dev.vars; the bench uses its own secrets.
      bindings: { ...workerOptions.bindings, ...SECRETS[w.name] },
      // A socket straight into this Worker, skipping Miniflare's entry Worker (a dev-only hop that
      // rewrites URLs and headers). Port 0: the OS picks one.
      unsafeDirectSockets: sockets.has(w.name) ? [{ host: "127.0.0.1", port: 0 }] : undefined,
    };
  });
  const converted = mf.convertV4MiniflareOptions({
    // The converter accepts an explicit modules list, which its V4 type (scriptPath only) does not name.
    workers: options as MiniflareModule.V4WorkerOptions[],
    // On disk like production's storage, and fresh per run.
    ...(persistDir ? { resourcePersistencePath: persistDir } : {}),
    // No request.cf fetched from the network (there is none here).
    cf: false,
    log: new mf.Log(mf.LogLevel.WARN),
    // BENCH_INSPECT=<port>: open workerd's inspector, to take a CPU profile of a Worker under load.
    ...(opts.inspectorPort || process.env.BENCH_INSPECT
      ? { inspectorPort: opts.inspectorPort ?? Number(process.env.BENCH_INSPECT) }
      : {}),
  } as MiniflareModule.V4MiniflareOptions);
  const before = new Set(childPids());
  const instance = new mf.Miniflare(converted);
  await instance.ready;
  const urls = {} as Record<HttpWorker, string>;
  for (const name of HTTP_WORKERS) urls[name] = (await instance.unsafeGetDirectURL(name)).origin;
  const extraUrls: Record<string, string> = {};
  for (const name of opts.extraSockets ?? []) extraUrls[name] = (await instance.unsafeGetDirectURL(name)).origin;
  const db = d1Client(urls["bench-d1"]);
  const workerdPids = childPids().filter((pid) => !before.has(pid) && commOf(pid) === "workerd");
  return { urls, extraUrls, db, workerdPids, dispose: () => instance.dispose() };
}

function childPids(): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(process.pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Applies migrations/*.sql in order, statement by statement as drizzle-kit splits them. */
export async function applyMigrations(db: D1Client): Promise<number> {
  let applied = 0;
  const dir = path.join(root, "migrations");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(path.join(dir, file), "utf8").split("--> statement-breakpoint")) {
      if (!statement.trim()) continue;
      await db.query(statement);
      applied++;
    }
  }
  return applied;
}

/** Loads the demo configuration (regions, departments, 派单目录, calendar) and no demo cases. */
export async function seedDemo(intakeUrl: string): Promise<void> {
  const holidays: unknown = JSON.parse(readFileSync(path.resolve(root, "../shared/data/holidays-cn.json"), "utf8"));
  const res = await fetch(`${intakeUrl}/__demo/seed`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-token": SEED_TOKEN },
    body: JSON.stringify({ holidays, from: 0, count: 0 }),
  });
  if (res.status !== 200) throw new Error(`demo seed answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

/**
 * Pins workerd to one set of cores and this process (the load generator) to another, so they do
 * not take turns on one core. Returns what was done, for the report; no-op without taskset or with
 * a single core.
 */
export function pin(workerdPids: number[], cores: number): string {
  if (cores < 2 || workerdPids.length === 0) return "not pinned (one core or no workerd found)";
  try {
    const server = cores === 2 ? "1" : `1-${cores - 1}`;
    // -a: every thread of the process, including ones started later from the pinned ones.
    for (const pid of workerdPids)
      execFileSync("taskset", ["-a", "-p", "-c", server, String(pid)], { stdio: "ignore" });
    execFileSync("taskset", ["-a", "-p", "-c", "0", String(process.pid)], { stdio: "ignore" });
    return `workerd on core${cores === 2 ? "" : "s"} ${server}, load generator on core 0 (taskset)`;
  } catch (error) {
    return `not pinned (${String(error).slice(0, 80)})`;
  }
}

/** Gives this process every core back (the sweep and classifier phases run after the platform). */
export function unpin(cores: number): void {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", `0-${cores - 1}`, String(process.pid)], { stdio: "ignore" });
  } catch {
    // no taskset: nothing was pinned
  }
}
