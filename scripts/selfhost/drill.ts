/**
 * `npm run selfhost:drill -- [--cases 2000]`: the standby recovery drill, measured. Starts the
 * self-hosted target on a fresh directory, loads the demo city, submits N cases (8 at a time) and
 * waits until all are routed; backs it up while serving; restores the backup into a second
 * directory (the standby VM) and starts it. Prints the backup's pause, the archive's size, and the
 * recovery time: restore + start until the standby answers, with every case there. A city's IT
 * office runs it on its own VM to learn its recovery time.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { root } from "../platform.ts";
import { controlEndpoint, sqlBatch } from "./control-client.ts";
import { layout } from "./layout.ts";
import { type Served, serveDataDir } from "./serve.ts";

const run = promisify(execFile);
const { values } = parseArgs({ options: { cases: { type: "string", default: "2000" } } });
const cases = Number(values.cases);
const tsx = path.join(root, "node_modules/.bin/tsx");
const log = (line: string) => console.error(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const start = (dataDir: string, port: number, build: boolean) =>
  serveDataDir(dataDir, { build, log, host: "127.0.0.1", port, controlPort: port + 1, split: false, output: "pipe" });

async function count(dataDir: string, where = "1 = 1"): Promise<number> {
  const [rows] = await sqlBatch(controlEndpoint(dataDir), [{ sql: `SELECT count(*) AS n FROM cases WHERE ${where}` }]);
  return Number(rows?.[0]?.n ?? 0);
}

async function submitAll(base: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < cases; n = next++) {
      const res = await fetch(`${base}/api/v1/cases`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": `drill-${n}-${Date.now()}`,
          "x-real-ip": `10.7.${n >> 8}.${n & 255}`,
        },
        body: JSON.stringify({
          type: "complaint",
          title: `（演练 ${n}）小区门口路灯不亮`,
          body: `崆峒区某小区门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快派人维修。第 ${n} 条。`,
          regionCode: "620802",
          category: "urban_rural",
          phone: `139${String(n).padStart(8, "0")}`,
          isPublic: true,
        }),
      });
      if (res.status !== 201) throw new Error(`submission ${n}: HTTP ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const work = mkdtempSync(path.join(os.tmpdir(), "wenzheng-drill-"));
const primaryDir = path.join(work, "primary");
const standbyDir = path.join(work, "standby");
const backup = path.join(work, "backup.tar.gz");
let primary: Served | undefined;
let standby: Served | undefined;
try {
  primary = await start(primaryDir, 8940, true);
  await run(tsx, ["scripts/city.ts", "--file", "cities/pingliang.yaml", "--env", "selfhost"], {
    cwd: root,
    env: { ...process.env, SELFHOST_DATA: primaryDir },
  });
  let t = performance.now();
  await submitAll("http://127.0.0.1:8940");
  while ((await count(primaryDir, "department_id IS NOT NULL")) < cases) await new Promise((r) => setTimeout(r, 1000));
  log(`${cases} cases submitted and routed in ${seconds(performance.now() - t)}`);

  const { stdout } = await run(tsx, ["scripts/selfhost/backup.ts", "--data", primaryDir, "--out", backup], {
    cwd: root,
  });
  const paused = /paused (\d+) ms/.exec(stdout)?.[1] ?? "?";
  await primary.stop();
  primary = undefined;

  // The standby has the same install (app) and nothing else.
  cpSync(layout(primaryDir).app, layout(standbyDir).app, { recursive: true });
  t = performance.now();
  await run(tsx, ["scripts/selfhost/restore.ts", "--data", standbyDir, "--from", backup], { cwd: root });
  standby = await start(standbyDir, 8950, false);
  const recovered = await count(standbyDir);
  const recoveryMs = performance.now() - t;
  console.log(
    [
      `| cases | backup pause | backup size | recovery (restore + start until serving) | cases on the standby |`,
      `|---:|---:|---:|---:|---:|`,
      `| ${cases} | ${paused} ms | ${(statSync(backup).size / 1024 / 1024).toFixed(1)} MiB | ${seconds(recoveryMs)} | ${recovered} |`,
    ].join("\n"),
  );
  if (recovered !== cases) process.exitCode = 1;
} finally {
  await primary?.stop();
  await standby?.stop();
  rmSync(work, { recursive: true, force: true });
}
