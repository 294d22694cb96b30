/**
 * The four Workers as the scripts see them (bench, deploy, setup): where each config lives, and
 * wrangler run with the Node running the script (Node 22 from node_modules/.bin), never the system's.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
// Resolved when first needed: the self-hosted operator tools bundle this file and run where wrangler is not installed.
const wranglerEntry = () => path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");

/** Each Worker's config. Intake's is the root wrangler.toml (it must be first for `wrangler dev`). */
export const PLATFORM_CONFIGS: Record<string, string> = {
  "wenzheng-intake": "wrangler.toml",
  "wenzheng-assignment": "workers/assignment/wrangler.toml",
  "wenzheng-deadline": "workers/deadline/wrangler.toml",
  "wenzheng-evaluation": "workers/evaluation/wrangler.toml",
};

/** One wrangler command; `ok` false (with its output) when it exits non-zero. */
export async function wranglerResult(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [wranglerEntry(), ...args], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}

/** One wrangler command's output; throws with what wrangler said when it fails. */
export async function wrangler(args: string[]): Promise<string> {
  const result = await wranglerResult(args);
  if (!result.ok)
    throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stderr.trim() || result.stdout.trim()}`);
  return result.stdout;
}

export interface Bundle {
  /** The bundle wrangler wrote (an ES module). */
  scriptPath: string;
  /** Every file wrangler would upload: the bundle and the text modules beside it. */
  uploads: string[];
}

/** `wrangler deploy --dry-run`: the exact bundle `wrangler deploy` would upload, written to outdir. */
export async function bundleWorker(configPath: string, outdir: string, extraArgs: string[] = []): Promise<Bundle> {
  await wrangler(["deploy", "--dry-run", "--outdir", outdir, "-c", configPath, ...extraArgs]);
  // wrangler names the bundle after the entry file (index.js, hello.js, …). It has a source map;
  // text modules beside it (the evaluation Worker's ECharts, `<hash>-echarts.min.js`) do not.
  const files = readdirSync(outdir);
  const script = files.find((f) => f.endsWith(".js") && files.includes(`${f}.map`));
  if (!script) throw new Error(`wrangler wrote no bundle for ${configPath} in ${outdir}`);
  const uploads = files.filter((f) => f.endsWith(".js")).map((f) => path.join(outdir, f));
  return { scriptPath: path.join(outdir, script), uploads };
}
