/**
 * `npm run rollups:rebuild [-- --write] [--persist-to DIR]`: recomputes the evaluation rollups
 * from the event log in the local D1 (`case_events`) through the same fold the durable objects use,
 * and compares them with the incrementally kept `rollup_counts`. Prints every differing cell; with
 * `--write` replaces the table. Exits 1 when they differ and nothing was written. Run it while
 * the platform is idle (events counted live during the rebuild may be missed by it).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getPlatformProxy } from "wrangler";
import { rebuildRollups } from "../../workers/evaluation/src/rollups-rebuild.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const write = args.includes("--write");
const persistAt = args.indexOf("--persist-to");
const persistTo = path.resolve(root, persistAt >= 0 ? (args[persistAt + 1] ?? "") : ".wrangler/state");

const proxy = await getPlatformProxy<{ DB: D1Database }>({
  configPath: path.join(root, "workers/evaluation/wrangler.toml"),
  persist: { path: path.join(persistTo, "v3") },
});
try {
  const started = performance.now();
  const result = await rebuildRollups(proxy.env.DB, { write });
  const ms = Math.round(performance.now() - started);
  console.log(`${result.cases} cases, ${result.events} events read in ${ms} ms.`);
  if (result.differences.length === 0) {
    console.log("The rollups are identical to a rebuild from the event log.");
  } else {
    console.log(
      `${result.differences.length} counter cells differ (period, department, region, category, counter: live → rebuilt):`,
    );
    for (const d of result.differences.slice(0, 50)) console.log(`  ${d.cell.join(" · ")}: ${d.live} → ${d.rebuilt}`);
    console.log(
      write ? "Replaced the rollups with the rebuilt ones." : "Nothing written; run with --write to replace them.",
    );
  }
  process.exitCode = result.differences.length > 0 && !write ? 1 : 0;
} finally {
  await proxy.dispose();
}
