/**
 * `npm run selfhost:package -- --out wenzheng-selfhost.tar.gz`: the offline install for a Linux VM
 * (x86-64) in one archive: the built Workers, platform and workerd configuration (app/), the workerd
 * and Node binaries from npm (bin/), the operator tools bundled with esbuild (tools/: migrate, tick,
 * backup, restore, check, city, admin-create), the migrations, the example city files, the systemd units and
 * install.sh (deploy/selfhost). Nothing is fetched at install time.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { root } from "../platform.ts";
import { buildSelfhost } from "./build.ts";
import { readWorkerConfigs } from "./worker-configs.ts";
import { CONTROL_TOKEN_VARIABLE, storageDirectories } from "./workerd-config.ts";
import { workerdBinary } from "./workerd-process.ts";

const TOOLS: Record<string, string> = {
  migrate: "scripts/selfhost/migrate-cli.ts",
  tick: "scripts/selfhost/tick.ts",
  backup: "scripts/selfhost/backup.ts",
  restore: "scripts/selfhost/restore.ts",
  check: "scripts/selfhost/check.ts",
  city: "scripts/city.ts",
  "admin-create": "scripts/admin-create.ts",
};

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("Usage: npm run selfhost:package -- --out wenzheng-selfhost.tar.gz");
  process.exit(2);
}
const out = path.resolve(values.out);
const log = (line: string) => console.error(line);
const staging = mkdtempSync(path.join(os.tmpdir(), "wenzheng-package-"));
try {
  const dir = path.join(staging, "wenzheng");
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  const built = await buildSelfhost(path.join(staging, "build"), log);
  renameSync(built.app, path.join(dir, "app"));
  const configs = readWorkerConfigs();
  const secrets = [
    ...new Set([...configs.flatMap(({ config }) => config.secrets?.required ?? []), CONTROL_TOKEN_VARIABLE]),
  ];
  writeFileSync(path.join(dir, "app/secrets.txt"), `${secrets.join("\n")}\n`);
  writeFileSync(
    path.join(dir, "app/directories.txt"),
    `${storageDirectories(configs)
      .map((d) => `${d.service} ${d.subdir}`)
      .join("\n")}\n`,
  );
  cpSync(workerdBinary(), path.join(dir, "bin/workerd"));
  cpSync(
    path.join(path.dirname(createRequire(import.meta.url).resolve("node/package.json")), "bin/node"),
    path.join(dir, "bin/node"),
  );
  await build({
    entryPoints: Object.fromEntries(Object.entries(TOOLS).map(([name, file]) => [name, path.join(root, file)])),
    outdir: path.join(dir, "tools"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    // Bundled CommonJS dependencies still call require(); give the ES modules one.
    banner: {
      js: "import { createRequire as __wenzhengRequire } from 'node:module'; const require = __wenzhengRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  for (const part of ["migrations", "cities"]) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  cpSync(path.join(root, "deploy/selfhost"), path.join(dir, "systemd"), { recursive: true });
  renameSync(path.join(dir, "systemd/install.sh"), path.join(dir, "install.sh"));
  chmodSync(path.join(dir, "install.sh"), 0o755);
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  writeFileSync(path.join(dir, "VERSION"), `wenzheng ${commit} built ${new Date().toISOString()}\n`);
  execFileSync("tar", ["-czf", out, "-C", staging, "wenzheng"]);
  log(`✔ ${out}: ${(statSync(out).size / 1024 / 1024).toFixed(0)} MiB (wenzheng ${commit})`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
