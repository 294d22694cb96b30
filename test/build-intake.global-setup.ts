import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Workers that bind CaseRecord through `script_name` need the intake Worker beside them. Vitest
 * cannot load an auxiliary Worker from its wrangler config, so this bundles intake once per run.
 */
export default function buildIntake(): void {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", "dist/intake", "-c", "wrangler.toml"], {
    cwd: root,
    stdio: "ignore",
  });
}
