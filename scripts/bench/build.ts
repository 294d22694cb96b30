/**
 * Builds every Worker the bench serves, once per run, with `wrangler deploy --dry-run`: the bundle
 * that would be uploaded is exactly what runs here (same esbuild settings, same nodejs_compat
 * polyfills), unlike `wrangler dev`, which rebuilds on its own terms and adds its proxy.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
// wrangler's own entry, run with the Node running the bench (Node 22 from node_modules/.bin).
const WRANGLER = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");

export interface BuiltWorker {
  /** The Worker's name, as durable object `script_name`s and service bindings refer to it. */
  name: string;
  /** The wrangler config the bindings are read from (generated for the ceiling Workers). */
  configPath: string;
  /** The bundle wrangler wrote (an ES module). */
  scriptPath: string;
}

/** The platform: intake's config is the root wrangler.toml (it must be first for `wrangler dev`). */
export const PLATFORM_CONFIGS: Record<string, string> = {
  "wenzheng-intake": "wrangler.toml",
  "wenzheng-assignment": "workers/assignment/wrangler.toml",
  "wenzheng-deadline": "workers/deadline/wrangler.toml",
  "wenzheng-evaluation": "workers/evaluation/wrangler.toml",
};

/**
 * The bench's own Workers, each given a generated config with intake's compatibility date and
 * flags: the two ceilings, and the probe through which the bench reads D1 (same database id as the
 * platform's configs, so Miniflare serves them one database).
 */
const BENCH_WORKERS: Record<string, { source: string; toml?: string[] }> = {
  "bench-hello": { source: "scripts/bench/workers/hello.ts" },
  "bench-hono": { source: "scripts/bench/workers/hono.ts" },
  "bench-d1": {
    source: "scripts/bench/workers/d1-probe.ts",
    toml: ["[[d1_databases]]", 'binding = "DB"', 'database_name = "wenzheng"', 'database_id = "{d1Id}"'],
  },
};

export async function wrangler(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [WRANGLER, ...args], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

export async function wranglerVersion(): Promise<string> {
  return (await wrangler(["--version"])).trim().split(/\s+/).pop() ?? "?";
}

async function bundle(name: string, configPath: string, outRoot: string): Promise<BuiltWorker> {
  const outdir = path.join(outRoot, name);
  await wrangler(["deploy", "--dry-run", "--outdir", outdir, "-c", configPath]);
  // wrangler names the bundle after the entry file (index.js, hello.js, …). It has a source map;
  // text modules beside it (the evaluation Worker's ECharts, `<hash>-echarts.min.js`) do not.
  const files = readdirSync(outdir);
  const script = files.find((f) => f.endsWith(".js") && files.includes(`${f}.map`));
  if (!script) throw new Error(`wrangler wrote no bundle for ${name} in ${outdir}`);
  return { name, configPath, scriptPath: path.join(outdir, script) };
}

/**
 * Builds the four platform Workers and the bench's three in parallel (each build is mostly
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
