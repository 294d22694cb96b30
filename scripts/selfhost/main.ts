/**
 * `npm run selfhost -- --data DIR [--port 8788] [--host 127.0.0.1] [--control-port PORT+1] [--no-build] [--split]`:
 * Wenzheng on plain workerd, all state under DIR. Builds the four Workers and the platform into DIR/app,
 * generates the workerd configuration, starts workerd (no wrangler, no Miniflare at run time), applies
 * pending D1 migrations, then fires the crons each minute until stopped (in production a systemd timer
 * calls `npm run selfhost:tick` instead, see deploy/selfhost/). `--split` serves it as two workerd
 * processes, the consumers apart from intake and the state (split-config.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { controlRequest } from "./control-client.ts";
import { serveDataDir } from "./serve.ts";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    "control-port": { type: "string" },
    "no-build": { type: "boolean", default: false },
    split: { type: "boolean", default: false },
  },
});
if (!values.data) {
  console.error(
    "Usage: npm run selfhost -- --data DIR [--port 8788] [--host 127.0.0.1] [--control-port 8789] [--no-build] [--split]",
  );
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const port = Number(values.port);
const controlPort = Number(values["control-port"] ?? port + 1);
const log = (line: string) => console.error(line);

const served = await serveDataDir(dataDir, {
  build: !values["no-build"],
  log,
  host: values.host,
  port,
  controlPort,
  split: values.split,
  output: "inherit",
}).catch((error: unknown) => {
  log(`✖ ${String(error)}`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void served.stop(signal));
// One process gone is the service gone: stop the other and exit (systemd or the operator restarts).
for (const p of served.processes)
  p.once("exit", (code, signal) => {
    log(`workerd exited (${signal ?? code})`);
    void served.stop().then(() => process.exit(code ?? 1));
  });
if (served.applied.length > 0) log(`  applied ${served.applied.length} migration(s): ${served.applied.join(", ")}`);
console.log(`selfhost ready: ${served.base}${values.split ? " (split: two workerd processes)" : ""}`);

// The demo timer: each minute, the crons that are due (a systemd timer does this in production).
setInterval(() => {
  controlRequest(served.endpoint, "POST", "/tick").catch((error: unknown) => log(`tick failed: ${String(error)}`));
}, 60_000).unref();
