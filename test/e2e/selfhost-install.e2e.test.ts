import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../scripts/smoke/smoke";
import { freePort } from "./platform";

/**
 * The offline archive, installed as on a clean Debian VM but into a directory tree (ROOT=…), then
 * served exactly as its systemd unit says, with only what the archive carries: its workerd, its
 * Node and its bundled tools (no npm, no wrangler).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), "wenzheng-install-e2e-"));
const vm = path.join(work, "vm");
const prefix = path.join(vm, "opt/wenzheng");
const data = path.join(vm, "var/lib/wenzheng");
let server: ChildProcess | undefined;
let base = "";

/** One of the archive's tools, run by the archive's Node. */
const tool = (name: string, args: string[], env: Record<string, string> = {}) =>
  run(path.join(prefix, "bin/node"), [path.join(prefix, "tools", `${name}.mjs`), ...args], {
    env: { ...process.env, ...env },
  });

beforeAll(async () => {
  const archive = path.join(work, "wenzheng-selfhost.tar.gz");
  await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/selfhost/package.ts", "--out", archive], { cwd: root });
  mkdirSync(path.join(work, "unpacked"));
  await run("tar", ["-xzf", archive, "-C", path.join(work, "unpacked")]);
  await run(path.join(work, "unpacked/wenzheng/install.sh"), [], { env: { ...process.env, ROOT: vm } });
}, 240_000);

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

describe("the offline archive", () => {
  it("installs into a VM's layout and serves as its systemd unit starts it", async () => {
    const unit = readFileSync(path.join(vm, "etc/systemd/system/wenzheng.service"), "utf8");
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? "";
    // The unit's command with the tree's paths for the VM's, and free ports for the defaults.
    const [binary = "", ...args] = execStart
      .replaceAll("/opt/wenzheng", prefix)
      .replaceAll("/var/lib/wenzheng", data)
      .split(/\s+/)
      .filter(Boolean);
    const [port, controlPort] = [await freePort(), await freePort()];
    writeFileSync(path.join(data, "control.json"), JSON.stringify({ url: `http://127.0.0.1:${controlPort}` }));
    const secrets = Object.fromEntries(
      readFileSync(path.join(data, "secrets.env"), "utf8")
        .split("\n")
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(Object.keys(secrets).sort()).toEqual(["QUERY_CODE_SECRET", "SELFHOST_CONTROL_TOKEN", "SESSION_SECRET"]);
    expect(unit).not.toContain(secrets.QUERY_CODE_SECRET);
    server = spawn(
      binary,
      [...args, "--socket-addr", `http=127.0.0.1:${port}`, "--socket-addr", `control=127.0.0.1:${controlPort}`],
      {
        env: { ...process.env, ...secrets },
        stdio: "ignore",
      },
    );
    base = `http://127.0.0.1:${port}`;

    // What the unit's ExecStartPost and the operator do next, with the archive's tools.
    expect((await tool("migrate", ["--data", data])).stdout).toMatch(/^applied 0000_init\.sql/);
    await tool("city", ["--file", path.join(prefix, "cities/pingliang.yaml"), "--env", "selfhost"], {
      SELFHOST_DATA: data,
    });
    expect((await tool("admin-create", ["--env", "selfhost"], { SELFHOST_DATA: data })).stdout).toContain(
      "admin created",
    );
    await tool("tick", ["--data", data]);

    const lines: string[] = [];
    await runSmoke(base, (line) => lines.push(line), { routeTimeoutMs: 60_000 });
    expect(lines.at(-1)).toMatch(/^Smoke test passed/);
  }, 180_000);
});
