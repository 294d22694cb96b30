/**
 * `npm run selfhost:restore -- --data DIR --from FILE.tar.gz`: puts a backup (backup.ts) in place
 * of DIR's state and secrets, then `npm run selfhost -- --data DIR` (or the systemd unit) serves it:
 * the standby VM's recovery. Refuses while a server runs on DIR; the state it replaces is kept
 * beside it (state.before-restore-<time>) until the operator deletes it.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { layout } from "./layout.ts";
import { secretsFile } from "./secrets.ts";
import { runningPids } from "./snapshot.ts";

const { values } = parseArgs({ options: { data: { type: "string" }, from: { type: "string" } } });
if (!values.data || !values.from) {
  console.error("Usage: npm run selfhost:restore -- --data DIR --from FILE.tar.gz");
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const pids = runningPids(dataDir);
if (pids.length > 0) {
  console.error(`✖ workerd (pid ${pids.join(", ")}) is serving ${dataDir}: stop it first (systemctl stop wenzheng).`);
  process.exit(1);
}
const started = performance.now();
mkdirSync(dataDir, { recursive: true });
const unpacked = mkdtempSync(path.join(dataDir, ".restore-"));
try {
  execFileSync("tar", ["-xzf", path.resolve(values.from), "-C", unpacked]);
  const manifest = JSON.parse(readFileSync(path.join(unpacked, "backup.json"), "utf8")) as { takenAt: string };
  const { storage } = layout(dataDir);
  if (existsSync(storage))
    renameSync(storage, `${storage}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  renameSync(path.join(unpacked, "state"), storage);
  copyFileSync(path.join(unpacked, "secrets.env"), secretsFile(dataDir));
  console.log(
    `✔ restored the backup taken ${manifest.takenAt} into ${dataDir} in ${Math.round(performance.now() - started)} ms.`,
  );
} finally {
  rmSync(unpacked, { recursive: true, force: true });
}
