/**
 * The self-hosted target as the bench drives it: built once with buildSelfhost, then served by
 * `npm run selfhost -- --no-build` on a fresh data directory (its real CLI, so the bench measures
 * what an operator runs: secrets, migrations, control socket), the city loaded with
 * `npm run city -- --env selfhost`. The bench reads D1 and the queue backlogs through the control
 * socket. (test/e2e/selfhost-platform.ts does the same for the tests, but it imports vitest.)
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildSelfhost } from "../selfhost/build.ts";
import { type ControlEndpoint, controlEndpoint, controlRequest, sqlBatch } from "../selfhost/control-client.ts";
import { root } from "./build.ts";
import type { D1Client } from "./d1.ts";
import { freePort } from "./pipeline.ts";

const TSX = path.join(root, "node_modules", ".bin", "tsx");
const CITY = "cities/pingliang.yaml";
const READY_TIMEOUT_MS = 240_000;

export interface SelfhostServer {
  base: string;
  db: D1Client;
  /** The workerd process (main.ts writes its pid to DIR/workerd.pid). */
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
  await buildSelfhost(dataDir, () => {});
  const port = await freePort();
  const args = ["scripts/selfhost/main.ts", "--data", dataDir, "--port", String(port)];
  args.push("--control-port", String(await freePort()), "--no-build");
  const child = spawn(TSX, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await ready(child);
    await promisify(execFile)(TSX, ["scripts/city.ts", "--file", CITY, "--env", "selfhost"], {
      cwd: root,
      env: { ...process.env, SELFHOST_DATA: dataDir },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  log(`  self-hosted: workerd serving on port ${port}, ${CITY} loaded`);
  const endpoint = controlEndpoint(dataDir);
  return {
    base: `http://127.0.0.1:${port}`,
    db: controlD1(endpoint),
    workerdPid: Number(readFileSync(path.join(dataDir, "workerd.pid"), "utf8")),
    async queueBacklog() {
      const { backlog } = await controlRequest<{ backlog: Record<string, number> }>(endpoint, "GET", "/queues");
      return Object.values(backlog).reduce((a, b) => a + b, 0);
    },
    stop,
  };
}

/** Resolves once main.ts prints `selfhost ready:` on stdout; its stderr is kept for the error. */
function ready(child: ChildProcess): Promise<void> {
  // Drained for as long as the server runs (a full pipe would stall workerd's logging); the tail is kept.
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stderr?.on("data", keep);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`selfhost not ready in time:\n${output}`)), READY_TIMEOUT_MS);
    child.stdout?.on("data", (d: Buffer) => {
      keep(d);
      if (output.includes("selfhost ready:")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`selfhost exited (${code}) before it was ready:\n${output}`));
    });
  });
}
