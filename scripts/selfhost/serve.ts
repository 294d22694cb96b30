/**
 * Starts workerd on a built self-hosted target (build.ts): one process, or two with `split` (the
 * front with intake and the state, the back with the consumers: split-config.ts). `npm run selfhost`
 * and the bench start it this way. Writes `<data>/workerd.pid` (every process, one per line: backup
 * freezes them all) and `<data>/control.json`, waits until intake answers and applies pending
 * migrations; stops what it started if any of that fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSelfhost, builtWorkers } from "./build.ts";
import { type ControlEndpoint, writeControlEndpoint } from "./control-client.ts";
import { layout, type SelfhostLayout } from "./layout.ts";
import { applyMigrations } from "./migrate.ts";
import { ensureSecrets } from "./secrets.ts";
import { backConfig, frontConfig, splitAddresses } from "./split-config.ts";
import { readWorkerConfigs } from "./worker-configs.ts";
import { CONTROL_TOKEN_VARIABLE, storageDirectories } from "./workerd-config.ts";
import { workerdBinary } from "./workerd-process.ts";

export interface ServeOptions {
  dataDir: string;
  where: SelfhostLayout;
  secrets: Record<string, string>;
  host: string;
  port: number;
  controlPort: number;
  split: boolean;
  /** Where workerd's own output goes: this process's, or a pipe the caller reads. */
  output: "inherit" | "pipe";
}

export interface Served {
  base: string;
  endpoint: ControlEndpoint;
  processes: ChildProcess[];
  /** Migrations applied at this start. */
  applied: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The commands to run: one workerd on the built config, or the split's two on configs written now. */
function commands(o: ServeOptions): string[][] {
  const serve = (config: string, extra: string[] = []) => ["serve", config, "--experimental", ...extra];
  if (o.split) {
    const workers = builtWorkers(o.where);
    const addresses = splitAddresses(workers, o.port);
    addresses.front.http = `${o.host}:${o.port}`;
    addresses.front.control = `127.0.0.1:${o.controlPort}`;
    const options = { platformModule: "platform.js", remoteModule: "remote.js", storageDir: o.where.storage };
    const [front, back] = [path.join(o.where.app, "front.capnp"), path.join(o.where.app, "back.capnp")];
    writeFileSync(front, frontConfig(workers, addresses, options));
    writeFileSync(back, backConfig(workers, addresses, options));
    return [serve(front), serve(back)];
  }
  // Addresses and directories override the configuration's defaults, so a build serves any port and DIR.
  const overrides = [
    "--socket-addr",
    `http=${o.host}:${o.port}`,
    "--socket-addr",
    `control=127.0.0.1:${o.controlPort}`,
  ];
  for (const { service, subdir } of storageDirectories(builtWorkers(o.where)))
    overrides.push("--directory-path", `${service}=${path.join(o.where.storage, subdir)}`);
  return [serve(o.where.config, overrides)];
}

export async function serve(o: ServeOptions): Promise<Served> {
  for (const { subdir } of storageDirectories(builtWorkers(o.where)))
    mkdirSync(path.join(o.where.storage, subdir), { recursive: true });
  const processes = commands(o).map((args) =>
    spawn(workerdBinary(), args, { stdio: ["ignore", o.output, o.output], env: { ...process.env, ...o.secrets } }),
  );
  writeFileSync(path.join(o.dataDir, "workerd.pid"), `${processes.map((p) => p.pid).join("\n")}\n`);
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    await Promise.all(
      processes
        .filter((p) => p.exitCode === null && p.signalCode === null)
        .map((p) => {
          const exited = new Promise((r) => p.once("exit", r));
          p.kill(signal);
          return exited;
        }),
    );
  };
  const base = `http://${o.host === "0.0.0.0" || o.host === "*" ? "127.0.0.1" : o.host}:${o.port}`;
  const endpoint = { url: `http://127.0.0.1:${o.controlPort}`, token: o.secrets[CONTROL_TOKEN_VARIABLE] ?? "" };
  try {
    await answering(`${base}/healthz`, processes);
    writeControlEndpoint(o.dataDir, endpoint.url);
    return { base, endpoint, processes, applied: await applyMigrations(endpoint), stop };
  } catch (error) {
    // Never leave a workerd behind that nobody will stop.
    await stop();
    throw error;
  }
}

async function answering(url: string, processes: ChildProcess[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dead = processes.find((p) => p.exitCode !== null);
    if (dead) throw new Error(`workerd exited (${dead.exitCode}) while starting`);
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > until)
        throw new Error(`workerd did not answer ${url} within ${timeoutMs / 1000} s: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * A data directory served: its secrets ensured (generated once), the Workers built into it unless
 * `build` is false (a standby's install, or the bench reusing a build), then `serve`. With output
 * "pipe", workerd's output is read and dropped (a full pipe would stall it).
 */
export async function serveDataDir(
  dataDir: string,
  o: Omit<ServeOptions, "dataDir" | "where" | "secrets"> & { build: boolean; log: (line: string) => void },
): Promise<Served> {
  mkdirSync(dataDir, { recursive: true });
  const secretNames = readWorkerConfigs().flatMap(({ config }) => config.secrets?.required ?? []);
  const secrets = ensureSecrets(dataDir, [...new Set(secretNames), CONTROL_TOKEN_VARIABLE]);
  const where = o.build ? await buildSelfhost(dataDir, o.log) : layout(dataDir);
  const served = await serve({ ...o, dataDir, where, secrets });
  for (const p of served.processes) {
    p.stdout?.resume();
    p.stderr?.resume();
  }
  return served;
}
