// `npm start`'s year of history, loaded after the banner (scripts/import/living-year.ts does the work).
// Plain Node built-ins only, like start.mjs.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Present until the year of history is in: its content is the first start's time, which the
 * history is dated back from, so a load cut short resumes on the next start with the same dates.
 */
export const historyPendingFile = (root, persistDir) => path.join(root, persistDir, "history-pending");

/** Marks a first start: the history is to be loaded, dated back from now. */
export function markHistoryPending(root, persistDir) {
  writeFileSync(historyPendingFile(root, persistDir), new Date().toISOString());
}

/**
 * Loads the history if a first start left it pending. `onChild` receives the loader's process (so
 * Ctrl-C can stop it) and null when it is gone. Resolves to true once the history is in.
 */
export function loadHistory({ root, persistDir, base, onChild }) {
  const pending = historyPendingFile(root, persistDir);
  if (!existsSync(pending)) return Promise.resolve(true);
  const asOf = readFileSync(pending, "utf8").trim() || new Date().toISOString();
  const started = Date.now();
  console.log("• Loading a year of the demo city's history in the background (the portal is usable meanwhile)…");
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(root, "node_modules", "tsx", "dist", "cli.mjs"),
        "scripts/import/living-year.ts",
        "--url",
        base,
        "--as-of",
        asOf,
      ],
      { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
    );
    onChild(child);
    child.on("exit", (code) => {
      onChild(null);
      if (code === 0) {
        rmSync(pending, { force: true });
        console.log(`• The demo's year of history is in (${((Date.now() - started) / 1000).toFixed(0)} s).`);
      }
      resolve(code === 0);
    });
  });
}
