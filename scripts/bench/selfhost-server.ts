/**
 * The self-hosted target as the bench drives it: built once with buildSelfhost into a fresh data
 * directory, served by the npm workerd binary on the generated config with the same secrets,
 * sockets, control endpoint and migrations as `npm run selfhost` (scripts/selfhost/main.ts), and
 * the city loaded with `npm run city -- --env selfhost`. The bench reads D1 and the queue backlogs
 * through the control socket.
 *
 * Started here rather than through main.ts because main.ts fires the crons every minute: the
 * deadline sweep would then land at random inside a measurement and work through the synthetic
 * history's overdue cases all at once (the sweep phase measures the sweep on its own). So the
 * command line below must stay main.ts's (a `--no-timer` flag there would let the bench spawn it).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildSelfhost } from "../selfhost/build.ts";
import { type ControlEndpoint, controlRequest, sqlBatch, writeControlEndpoint } from "../selfhost/control-client.ts";
import { applyMigrations } from "../selfhost/migrate.ts";
import { ensureSecrets } from "../selfhost/secrets.ts";
import { readWorkerConfigs } from "../selfhost/worker-configs.ts";
import { CONTROL_TOKEN_VARIABLE, storageDirectories } from "../selfhost/workerd-config.ts";
import { workerdBinary } from "../selfhost/workerd-process.ts";
import { root } from "./build.ts";
import type { D1Client } from "./d1.ts";
import { freePort } from "./pipeline.ts";
import { sleep } from "./stats.ts";

const TSX = path.join(root, "node_modules", ".bin", "tsx");
const CITY = "cities/pingliang.yaml";
const READY_TIMEOUT_MS = 60_000;

export interface SelfhostServer {
  base: string;
  db: D1Client;
  workerdPid: number;
  /** Messages waiting in every queue, summed. */
  queueBacklog(): Promise<number>;
  stop(): Promise<void>;
}

/** D1 through the control socket's `POST /sql`, in the shape the bench's phases already read. */
function controlD1(endpoint: ControlEndpoint): D1Client {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const [rows = []] = await sqlBatch(endpoint, [{ sql, params: params as (string | number | null)[] }]);
      return rows as T[];
    },
  };
}

export async function startSelfhostServer(dataDir: string, log: (line: string) => void): Promise<SelfhostServer> {
  mkdirSync(dataDir, { recursive: true });
  const configs = readWorkerConfigs();
  const secretNames = configs.flatMap(({ config }) => config.secrets?.required ?? []);
  const secrets = ensureSecrets(dataDir, [...new Set(secretNames), CONTROL_TOKEN_VARIABLE]);
  const where = await buildSelfhost(dataDir, () => {});
  const [port, controlPort] = [await freePort(), await freePort()];
  // main.ts's command line: sockets and storage directories override the generated config's defaults.
  const overrides = ["--socket-addr", `http=127.0.0.1:${port}`, "--socket-addr", `control=127.0.0.1:${controlPort}`];
  for (const { service, subdir } of storageDirectories(configs)) {
    mkdirSync(path.join(where.storage, subdir), { recursive: true });
    overrides.push("--directory-path", `${service}=${path.join(where.storage, subdir)}`);
  }
  const child = spawn(workerdBinary(), ["serve", where.config, "--experimental", ...overrides], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...secrets },
  });
  const output = drain(child);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const endpoint = { url: `http://127.0.0.1:${controlPort}`, token: secrets[CONTROL_TOKEN_VARIABLE] ?? "" };
  try {
    await answering(`${base}/healthz`, child, output);
    writeControlEndpoint(dataDir, endpoint.url);
    await applyMigrations(endpoint);
    await promisify(execFile)(TSX, ["scripts/city.ts", "--file", CITY, "--env", "selfhost"], {
      cwd: root,
      env: { ...process.env, SELFHOST_DATA: dataDir },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error("workerd has no pid");
  log(`  self-hosted: workerd serving on port ${port}, ${CITY} loaded`);
  return {
    base,
    db: controlD1(endpoint),
    workerdPid: child.pid,
    async queueBacklog() {
      const { backlog } = await controlRequest<{ backlog: Record<string, number> }>(endpoint, "GET", "/queues");
      return Object.values(backlog).reduce((a, b) => a + b, 0);
    },
    stop,
  };
}

/** Reads workerd's output for as long as it runs (a full pipe would stall it); keeps the tail for errors. */
function drain(child: ChildProcess): () => string {
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => output;
}

async function answering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`workerd did not answer ${url}: ${String(error)}\n${output()}`);
      await sleep(200);
    }
  }
}
