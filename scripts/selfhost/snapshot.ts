/**
 * Consistent copies of a running self-hosted Wenzheng. The state is many SQLite files (D1, every
 * case's object, the queues, workerd's alarm index), so copying them one by one while they change
 * would mix moments. Instead workerd is frozen (SIGSTOP) for the length of a local copy and thawed
 * (SIGCONT): the copy is exactly what a kill -9 at that instant would leave on disk, a state SQLite
 * recovers from and the platform is tested to resume from (test/e2e/selfhost.e2e.test.ts) — every
 * accepted case, its events, messages and alarms. Requests wait for the pause; none fail.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The running workerd processes of this data directory (two when split); none when it is not running. */
export function runningPids(dataDir: string): number[] {
  const file = path.join(dataDir, "workerd.pid");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        process.kill(pid, 0);
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd";
      } catch {
        return false;
      }
    });
}

/** Copies `from` to `to` with the workerd processes frozen; returns how long they were paused, in ms. */
export function frozenCopy(pids: number[], from: string, to: string): number {
  const started = performance.now();
  for (const pid of pids) process.kill(pid, "SIGSTOP");
  try {
    // --reflink=auto: a copy-on-write clone where the file system offers one (XFS, Btrfs), so the
    // pause does not grow with the data; a plain copy elsewhere.
    execFileSync("cp", ["-a", "--reflink=auto", from, to]);
  } finally {
    for (const pid of pids) process.kill(pid, "SIGCONT");
  }
  return performance.now() - started;
}
