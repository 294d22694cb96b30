/**
 * `npm run rollups:rebuild -- [--env local|staging|production] [--dry-run] [--persist-to DIR]`:
 * recomputes the evaluation rollups from the event log in that environment's D1 (`case_events`)
 * through the same fold the durable objects use, compares them with the incrementally kept
 * `rollup_counts` and prints every differing cell, then replaces the tables with the rebuilt ones.
 * With `--dry-run` it writes nothing and exits 1 when they differ. Local is the database `npm start`
 * uses; staging and production are reached through wrangler's remote bindings (signed in). Run it
 * while the platform is idle (events counted live during the rebuild may be missed by it).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getPlatformProxy, unstable_readConfig } from "wrangler";
import * as z from "zod";
import { rebuildRollups } from "../../workers/evaluation/src/rollups-rebuild.ts";
import { root } from "../platform.ts";
import { d1Databases, wranglerAccount } from "../setup/account.ts";
import { NotSignedIn } from "../setup/setup.ts";
import {
  databaseIdOf,
  parseRebuildArgs,
  progressLine,
  type RebuildArgs,
  remoteD1Config,
  UsageError,
} from "./rollups-options.ts";

const configPath = path.join(root, "workers/evaluation/wrangler.toml");

/** The parts of the evaluation Worker's resolved config a remote binding needs. */
const EvaluationConfig = z.object({
  name: z.string(),
  compatibility_date: z.string(),
  d1_databases: z.array(z.object({ binding: z.string(), database_name: z.string() })),
});

async function d1Proxy(args: RebuildArgs): Promise<{ db: D1Database; dispose(): Promise<void> }> {
  if (args.env === "local") {
    const proxy = await getPlatformProxy<{ DB: D1Database }>({
      configPath,
      persist: { path: path.join(args.persistTo, "v3") },
    });
    return { db: proxy.env.DB, dispose: () => proxy.dispose() };
  }
  if (!(await wranglerAccount.whoami())) throw new NotSignedIn("`npm run rollups:rebuild`");
  const config = EvaluationConfig.parse(unstable_readConfig({ config: configPath, env: args.env }));
  const database = config.d1_databases.find((d) => d.binding === "DB");
  if (!database) throw new Error(`${configPath} binds no DB in ${args.env}`);
  const databaseId = databaseIdOf(await d1Databases(), database.database_name, args.env);
  const dir = mkdtempSync(path.join(tmpdir(), "wenzheng-rollups-"));
  try {
    const temporary = path.join(dir, "wrangler.json");
    const content = remoteD1Config({
      name: config.name,
      compatibilityDate: config.compatibility_date,
      databaseName: database.database_name,
      databaseId,
    });
    writeFileSync(temporary, JSON.stringify(content, null, 2));
    const proxy = await getPlatformProxy<{ DB: D1Database }>({
      configPath: temporary,
      remoteBindings: true,
      persist: false,
    });
    console.error(`Connected to ${database.database_name} (${args.env}).`);
    return {
      db: proxy.env.DB,
      dispose: async () => {
        await proxy.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

let args: RebuildArgs;
try {
  args = parseRebuildArgs(process.argv.slice(2), root);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

let proxy: Awaited<ReturnType<typeof d1Proxy>>;
try {
  proxy = await d1Proxy(args);
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
try {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  const result = await rebuildRollups(proxy.db, {
    write: !args.dryRun,
    onProgress: (read) => process.stderr.write(progressLine(read, tty)),
  });
  if (tty) process.stderr.write("\n");
  const ms = Math.round(performance.now() - started);
  console.log(`${args.env}: ${result.cases} cases, ${result.events} events read in ${ms} ms.`);
  if (result.differences.length === 0) {
    console.log("The rollups are identical to a rebuild from the event log.");
  } else {
    console.log(
      `${result.differences.length} counter cells differ (period, department, region, category, counter: live → rebuilt):`,
    );
    for (const d of result.differences.slice(0, 50)) console.log(`  ${d.cell.join(" · ")}: ${d.live} → ${d.rebuilt}`);
  }
  if (result.written) console.log("Replaced the rollups with the rebuilt ones.");
  else if (result.differences.length > 0)
    console.log("Dry run: nothing written; run without --dry-run to replace them.");
  process.exitCode = result.differences.length > 0 && !result.written ? 1 : 0;
} finally {
  await proxy.dispose();
}
