import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ControlEndpoint, controlEndpoint, controlRequest, sqlBatch } from "../../scripts/selfhost/control-client";
import { freePort } from "./platform";

/**
 * The self-hosted target as an IT office runs it: `npm run selfhost` (its real CLI, under tsx) on a
 * data directory, the city loaded with `npm run city -- --env selfhost`, reached over HTTP.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX = path.join(root, "node_modules", ".bin", "tsx");
const run = promisify(execFile);

export interface Selfhost {
  base: string;
  control: ControlEndpoint;
  process: ChildProcess;
  log: () => string;
}

export async function startSelfhost(
  dataDir: string,
  options: { build: boolean; port?: number; split?: boolean },
): Promise<Selfhost> {
  const port = options.port ?? (await freePort());
  const controlPort = await freePort();
  const args = [
    "scripts/selfhost/main.ts",
    "--data",
    dataDir,
    "--port",
    String(port),
    "--control-port",
    String(controlPort),
  ];
  if (!options.build) args.push("--no-build");
  if (options.split) args.push("--split");
  const child = spawn(TSX, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`selfhost did not start within 240 s:\n${log}`)), 240_000);
    child.stdout?.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.includes("selfhost ready:")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`selfhost exited (${code}) before it was ready:\n${log}`));
    });
  });
  return { base: `http://127.0.0.1:${port}`, control: controlEndpoint(dataDir), process: child, log: () => log };
}

/** The workerd that `npm run selfhost` started (it writes the pid beside the data). */
export function workerdPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "workerd.pid"), "utf8").split("\n")[0]);
}

export async function stopSelfhost(selfhost: Selfhost | undefined): Promise<void> {
  if (!selfhost || selfhost.process.exitCode !== null) return;
  const exited = new Promise((r) => selfhost.process.once("exit", r));
  selfhost.process.kill("SIGTERM");
  await exited;
}

/** `npm run city -- --file … --env selfhost`, as an operator types it. */
export async function loadCity(dataDir: string, file: string): Promise<void> {
  await run(TSX, ["scripts/city.ts", "--file", file, "--env", "selfhost"], {
    cwd: root,
    env: { ...process.env, SELFHOST_DATA: dataDir },
  });
}

/** One of the operator scripts (scripts/selfhost/<name>.ts), as the operator runs it; its stdout. */
export async function operatorScript(name: string, args: string[]): Promise<string> {
  const { stdout } = await run(TSX, [`scripts/selfhost/${name}.ts`, ...args], { cwd: root });
  return stdout;
}

export async function sql<T>(selfhost: Selfhost, statement: string, params: (string | number)[] = []): Promise<T[]> {
  const [rows = []] = await sqlBatch(selfhost.control, [{ sql: statement, params }]);
  return rows as T[];
}

export async function backlog(selfhost: Selfhost): Promise<number> {
  const { backlog: queues } = await controlRequest<{ backlog: Record<string, number> }>(
    selfhost.control,
    "GET",
    "/queues",
  );
  return Object.values(queues).reduce((a, b) => a + b, 0);
}

/** A citizen's submission (its own address, phone and text); its tracking number, or null when refused. */
export async function submitCase(base: string, n: number): Promise<string | null> {
  try {
    const res = await fetch(`${base}/api/v1/cases`, {
      method: "POST",
      // Each a different citizen (as nginx reports them in X-Real-IP): the per-address limit is not under test.
      headers: {
        "content-type": "application/json",
        "idempotency-key": `selfhost-${n}-${Date.now()}`,
        "x-real-ip": `10.0.${Math.floor(n / 250)}.${n % 250}`,
      },
      body: JSON.stringify({
        type: "complaint",
        title: `（selfhost-${n}）小区门口路灯不亮`,
        body: "崆峒区某小区门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快派人维修。",
        regionCode: "620802",
        category: "urban_rural",
        phone: `1390000${String(n).padStart(4, "0")}`,
        isPublic: true,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 201) return null;
    return ((await res.json()) as { trackingNo: string }).trackingNo;
  } catch {
    return null; // the server died under this request: not accepted, nothing promised
  }
}
