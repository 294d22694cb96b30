/**
 * `npm run selfhost -- --data DIR [--port 8788] [--host 127.0.0.1] [--control-port PORT+1] [--no-build]`:
 * Wenzheng on plain workerd, all state under DIR. Builds the four Workers and the platform into DIR/app,
 * generates the workerd configuration, starts workerd (no wrangler, no Miniflare at run time), applies
 * pending D1 migrations, then fires the crons each minute until stopped (in production a systemd timer
 * calls `npm run selfhost:tick` instead, see deploy/selfhost/).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildSelfhost } from "./build.ts";
import { controlRequest, writeControlEndpoint } from "./control-client.ts";
import { layout } from "./layout.ts";
import { applyMigrations } from "./migrate.ts";
import { ensureSecrets } from "./secrets.ts";
import { readWorkerConfigs } from "./worker-configs.ts";
import { CONTROL_TOKEN_VARIABLE, storageDirectories } from "./workerd-config.ts";
import { workerdBinary } from "./workerd-process.ts";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    "control-port": { type: "string" },
    "no-build": { type: "boolean", default: false },
  },
});
if (!values.data) {
  console.error(
    "Usage: npm run selfhost -- --data DIR [--port 8788] [--host 127.0.0.1] [--control-port 8789] [--no-build]",
  );
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const port = Number(values.port);
const controlPort = Number(values["control-port"] ?? port + 1);
const log = (line: string) => console.error(line);
mkdirSync(dataDir, { recursive: true });

const configs = readWorkerConfigs();
const secretNames = [...new Set(configs.flatMap(({ config }) => config.secrets?.required ?? []))];
const secrets = ensureSecrets(dataDir, [...secretNames, CONTROL_TOKEN_VARIABLE]);
const where = values["no-build"] ? layout(dataDir) : await buildSelfhost(dataDir, log);

// Addresses and directories override the configuration's defaults, so a build serves any port and DIR.
const overrides = ["--socket-addr", `http=${values.host}:${port}`, "--socket-addr", `control=127.0.0.1:${controlPort}`];
for (const { service, subdir } of storageDirectories(configs)) {
  mkdirSync(path.join(where.storage, subdir), { recursive: true });
  overrides.push("--directory-path", `${service}=${path.join(where.storage, subdir)}`);
}
const child: ChildProcess = spawn(workerdBinary(), ["serve", where.config, "--experimental", ...overrides], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, ...secrets },
});
// For operators (and the kill -9 test): which process is the server.
writeFileSync(path.join(dataDir, "workerd.pid"), `${child.pid}\n`);
const stop = (signal: NodeJS.Signals) => {
  child.kill(signal);
};
process.once("SIGINT", () => stop("SIGINT"));
process.once("SIGTERM", () => stop("SIGTERM"));
child.once("exit", (code, signal) => {
  log(`workerd exited (${signal ?? code})`);
  process.exit(code ?? 1);
});

const base = `http://${values.host === "0.0.0.0" || values.host === "*" ? "127.0.0.1" : values.host}:${port}`;
const endpoint = { url: `http://127.0.0.1:${controlPort}`, token: secrets[CONTROL_TOKEN_VARIABLE] ?? "" };
try {
  await waitFor(`${base}/healthz`);
  writeControlEndpoint(dataDir, endpoint.url);
  const applied = await applyMigrations(endpoint);
  if (applied.length > 0) log(`  applied ${applied.length} migration(s): ${applied.join(", ")}`);
} catch (error) {
  // Never leave a workerd behind that nobody will stop.
  log(`✖ ${String(error)}`);
  child.kill("SIGTERM");
  process.exitCode = 1;
  await new Promise((r) => child.once("exit", r));
}
console.log(`selfhost ready: ${base}`);

// The demo timer: each minute, the crons that are due (a systemd timer does this in production).
setInterval(() => {
  controlRequest(endpoint, "POST", "/tick").catch((error: unknown) => log(`tick failed: ${String(error)}`));
}, 60_000).unref();

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
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
