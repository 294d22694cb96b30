/**
 * Builds every Worker the bench serves, once per run, with `wrangler deploy --dry-run`: the bundle
 * that would be uploaded is exactly what runs here (same esbuild settings, same nodejs_compat
 * polyfills), unlike `wrangler dev`, which rebuilds on its own terms and adds its proxy.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundleWorker, PLATFORM_CONFIGS, root, wrangler } from "../platform.ts";

export { root } from "../platform.ts";

export interface BuiltWorker {
  /** The Worker's name, as durable object `script_name`s and service bindings refer to it. */
  name: string;
  /** The wrangler config the bindings are read from (generated for the ceiling Workers). */
  configPath: string;
  /** The bundle wrangler wrote (an ES module). */
  scriptPath: string;
  /** Further ES modules beside it (the counting shim's run: the bundle behind the shim). */
  extraModules?: string[];
}

/**
 * The bench's own Workers, each given a generated config with intake's compatibility date and
 * flags: the three ceilings (the last one a durable object per request), and the probe through which the bench reads D1 (same database id as the
 * platform's configs, so Miniflare serves them one database).
 */
const BENCH_WORKERS: Record<string, { source: string; toml?: string[] }> = {
  "bench-hello": { source: "scripts/bench/workers/hello.ts" },
  "bench-hono": { source: "scripts/bench/workers/hono.ts" },
  "bench-do": {
    source: "scripts/bench/workers/do-ceiling.ts",
    toml: [
      "[[durable_objects.bindings]]",
      'name = "ONE_ROW"',
      'class_name = "OneRow"',
      "[[migrations]]",
      'tag = "v1"',
      'new_sqlite_classes = ["OneRow"]',
    ],
  },
  "bench-d1": {
    source: "scripts/bench/workers/d1-probe.ts",
    toml: ["[[d1_databases]]", 'binding = "DB"', 'database_name = "wenzheng"', 'database_id = "{d1Id}"'],
  },
};

export async function wranglerVersion(): Promise<string> {
  return (await wrangler(["--version"])).trim().split(/\s+/).pop() ?? "?";
}

async function bundle(name: string, configPath: string, outRoot: string): Promise<BuiltWorker> {
  const { scriptPath } = await bundleWorker(configPath, path.join(outRoot, name));
  return { name, configPath, scriptPath };
}

/**
 * Builds the four platform Workers and the bench's four in parallel (each build is mostly
 * esbuild plus wrangler's start-up, so two cores overlap them well).
 */
export async function buildAll(
  outRoot: string,
  platform: { date: string; flags: string[]; d1Id: string },
): Promise<BuiltWorker[]> {
  mkdirSync(outRoot, { recursive: true });
  const jobs: Promise<BuiltWorker>[] = Object.entries(PLATFORM_CONFIGS).map(([name, config]) =>
    bundle(name, path.join(root, config), outRoot),
  );
  for (const [name, { source, toml = [] }] of Object.entries(BENCH_WORKERS)) {
    const configPath = path.join(outRoot, `${name}.toml`);
    writeFileSync(
      configPath,
      [
        `name = "${name}"`,
        `main = ${JSON.stringify(path.join(root, source))}`,
        `compatibility_date = "${platform.date}"`,
        `compatibility_flags = ${JSON.stringify(platform.flags)}`,
        ...toml.map((line) => line.replace("{d1Id}", platform.d1Id)),
        "",
      ].join("\n"),
    );
    jobs.push(bundle(name, configPath, outRoot));
  }
  return Promise.all(jobs);
}
