/**
 * Builds the self-hosted target into `<data>/app`: the four Worker bundles exactly as `wrangler deploy
 * --env selfhost` would upload them, the platform Worker (selfhost/platform) bundled with esbuild, and
 * the generated workerd configuration. Nothing under `app` is state: it is rebuilt on every start and
 * shipped as is in the offline archive.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { bundleWorker, root } from "../platform.ts";
import { layout, type SelfhostLayout } from "./layout.ts";
import { readWorkerConfigs, SELFHOST_ENV } from "./worker-configs.ts";
import { type ServedWorker, workerdConfig } from "./workerd-config.ts";

export async function buildSelfhost(dataDir: string, log: (line: string) => void): Promise<SelfhostLayout> {
  const where = layout(path.resolve(dataDir));
  rmSync(where.app, { recursive: true, force: true });
  mkdirSync(where.app, { recursive: true });
  const workers: ServedWorker[] = [];
  for (const { configPath, config } of readWorkerConfigs()) {
    const outdir = path.join(where.app, config.name);
    const bundle = await bundleWorker(configPath, outdir, ["--env", SELFHOST_ENV]);
    // The bundle is the main module; beside it, the config's Text rule made ECharts a text module.
    const modules = [bundle.scriptPath, ...bundle.uploads.filter((f) => f !== bundle.scriptPath)].map((file) => ({
      name: path.basename(file),
      file: path.relative(where.app, file),
      type: file.endsWith(".min.js") ? ("text" as const) : ("esModule" as const),
    }));
    workers.push({ config, modules });
    log(`  built ${config.name}`);
  }
  // The platform Worker, and the `selfhost:remote` extension a split (two processes) loads.
  await build({
    entryPoints: {
      platform: path.join(root, "selfhost/platform/index.ts"),
      remote: path.join(root, "selfhost/platform/remote.ts"),
    },
    outdir: where.app,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    external: ["cloudflare:workers"],
    logLevel: "warning",
  });
  writeFileSync(where.config, workerdConfig(workers, { platformModule: "platform.js" }));
  // What was built, so a split's two configurations can be written at start without rebuilding.
  writeFileSync(path.join(where.app, "workers.json"), `${JSON.stringify(workers)}\n`);
  log("  built the platform Worker and wrote app/workerd.capnp");
  return where;
}

export function builtWorkers(where: SelfhostLayout): ServedWorker[] {
  return JSON.parse(readFileSync(path.join(where.app, "workers.json"), "utf8")) as ServedWorker[];
}
