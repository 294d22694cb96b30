/**
 * `npm run selfhost:backup -- --data DIR --out FILE.tar.gz`: a consistent backup of a self-hosted
 * Wenzheng while it serves (snapshot.ts): all state and the secrets that go with it (query codes
 * and sessions are checked against them), as one gzipped tar readable by its owner only. It holds
 * petitioners' personal data: keep it inside the city's network, encrypted at rest, and rotate it
 * (README: personal data in backups).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { layout } from "./layout.ts";
import { secretsFile } from "./secrets.ts";
import { frozenCopy, runningPids } from "./snapshot.ts";

const { values } = parseArgs({ options: { data: { type: "string" }, out: { type: "string" } } });
if (!values.data || !values.out) {
  console.error("Usage: npm run selfhost:backup -- --data DIR --out FILE.tar.gz");
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const out = path.resolve(values.out);
const { storage } = layout(dataDir);
if (!existsSync(storage)) {
  console.error(`✖ ${storage} does not exist: nothing to back up.`);
  process.exit(1);
}
const started = performance.now();
const staging = mkdtempSync(path.join(path.dirname(out), ".wenzheng-backup-"));
try {
  const pids = runningPids(dataDir);
  const pausedMs = frozenCopy(pids, storage, path.join(staging, "state"));
  copyFileSync(secretsFile(dataDir), path.join(staging, "secrets.env"));
  writeFileSync(
    path.join(staging, "backup.json"),
    `${JSON.stringify({ takenAt: new Date().toISOString(), whileServing: pids.length > 0, pausedMs: Math.round(pausedMs), host: os.hostname() }, null, 2)}\n`,
  );
  execFileSync("tar", ["-czf", out, "-C", staging, "backup.json", "secrets.env", "state"]);
  chmodSync(out, 0o600);
  console.log(
    `✔ ${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB, ${pids.length === 0 ? "server stopped" : `workerd paused ${Math.round(pausedMs)} ms`}, ${Math.round(performance.now() - started)} ms in all.`,
  );
} finally {
  rmSync(staging, { recursive: true, force: true });
}
