/**
 * The self-hosted target as the bench drives it: built once with buildSelfhost, served by
 * scripts/selfhost/serve.ts (what `npm run selfhost` runs, whole or split over two workerd
 * processes) on a fresh data directory, the city loaded with `npm run city -- --env selfhost`. The
 * bench reads D1 and the queue backlogs through the control socket. Not through main.ts, whose minute
 * timer would fire the crons (the deadline sweep) inside a measurement.
 */
import { execFile } from "node:child_process";
import { cpSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type ControlEndpoint, controlRequest, sqlBatch } from "../selfhost/control-client.ts";
import { layout } from "../selfhost/layout.ts";
import { serveDataDir } from "../selfhost/serve.ts";
import { root } from "./build.ts";
import type { D1Client } from "./d1.ts";
import { freePort } from "./pipeline.ts";

const TSX = path.join(root, "node_modules", ".bin", "tsx");
const CITY = "cities/pingliang.yaml";

export interface SelfhostServer {
  base: string;
  db: D1Client;
  /** The front (intake, objects, D1, queues) first; the back (consumers) second when split. */
  workerdPids: number[];
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

/** Serves `dataDir`, building it there or reusing the build of `builtIn` (another bench data directory). */
export async function startSelfhostServer(
  dataDir: string,
  log: (line: string) => void,
  options: { split?: boolean; builtIn?: string } = {},
): Promise<SelfhostServer> {
  if (options.builtIn) cpSync(layout(options.builtIn).app, layout(dataDir).app, { recursive: true });
  const [port, controlPort] = [await freePort(), await freePort()];
  const split = options.split ?? false;
  const served = await serveDataDir(dataDir, {
    build: !options.builtIn,
    log: () => {},
    host: "127.0.0.1",
    port,
    controlPort,
    split,
    output: "pipe",
  });
  try {
    await promisify(execFile)(TSX, ["scripts/city.ts", "--file", CITY, "--env", "selfhost"], {
      cwd: root,
      env: { ...process.env, SELFHOST_DATA: dataDir },
    });
  } catch (error) {
    await served.stop();
    throw error;
  }
  const pids = served.processes.map((p) => p.pid ?? 0);
  log(`  self-hosted${split ? " (split: front and back workerd)" : ""}: serving on port ${port}, ${CITY} loaded`);
  return {
    base: served.base,
    db: controlD1(served.endpoint),
    workerdPids: pids,
    async queueBacklog() {
      const { backlog } = await controlRequest<{ backlog: Record<string, number> }>(served.endpoint, "GET", "/queues");
      return Object.values(backlog).reduce((a, b) => a + b, 0);
    },
    stop: () => served.stop(),
  };
}
