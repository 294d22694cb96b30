/**
 * A fresh, in-memory local D1 (workerd's SQLite through wrangler's getPlatformProxy) with every
 * migration applied: what bench:sweep and bench:rollups fill and time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getPlatformProxy } from "wrangler";

const root = path.resolve(import.meta.dirname, "../..");

export async function freshLocalD1(): Promise<{ db: D1Database; dispose: () => Promise<void> }> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(root, "workers/evaluation/wrangler.toml"),
    persist: false,
  });
  const db = proxy.env.DB;
  for (const file of readdirSync(path.join(root, "migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(path.join(root, "migrations", file), "utf8").split(
      "--> statement-breakpoint",
    )) {
      if (statement.trim()) await db.prepare(statement).run();
    }
  }
  return { db, dispose: () => proxy.dispose() };
}
