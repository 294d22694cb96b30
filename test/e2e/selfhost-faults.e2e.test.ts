import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../scripts/smoke/smoke";
import {
  loadCity,
  operatorScript,
  type Selfhost,
  sql,
  startSelfhost,
  stopSelfhost,
  submitCase,
} from "./selfhost-platform";

/**
 * The self-hosted target's faults beyond a kill -9 (selfhost.e2e.test.ts): a full disk, and one
 * case's object file damaged on disk.
 */

const dataDir = mkdtempSync(path.join(os.tmpdir(), "wenzheng-selfhost-faults-"));
let server: Selfhost | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startSelfhost(dataDir, { build: true });
  await loadCity(dataDir, "cities/pingliang.yaml");
}, 300_000);

afterAll(async () => {
  await stopSelfhost(server);
  rmSync(dataDir, { recursive: true, force: true });
});

async function routedCount(site: Selfhost, trackingNos: string[]): Promise<number> {
  const [row] = await sql<{ n: number }>(
    site,
    `SELECT count(*) AS n FROM cases WHERE department_id IS NOT NULL AND tracking_no IN (${trackingNos.map(() => "?").join(",")})`,
    trackingNos,
  );
  return row?.n ?? 0;
}

/** A small file system for the state, so it fills up; null where this machine may not mount one. */
function tinyStateDisk(dir: string): string | null {
  const state = path.join(dir, "state");
  mkdirSync(state, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", state], { stdio: "ignore" });
    return state;
  } catch {
    return null;
  }
}

describe("a self-hosted Wenzheng", () => {
  it("refuses new messages with the usual error while its disk is full, and loses nothing it accepted", async (ctx) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "wenzheng-full-disk-"));
    const state = tinyStateDisk(dir);
    if (!state) {
      console.warn("skipped: this machine cannot mount a tmpfs (the test needs root)");
      rmSync(dir, { recursive: true, force: true });
      ctx.skip();
      return;
    }
    cpSync(path.join(dataDir, "app"), path.join(dir, "app"), { recursive: true });
    let site: Selfhost | undefined;
    try {
      site = await startSelfhost(dir, { build: false });
      await loadCity(dir, "cities/pingliang.yaml");
      const accepted: string[] = [];
      let refused: Response | undefined;
      for (let n = 0; n < 200 && !refused; n++) {
        const res = await fetch(`${site.base}/api/v1/cases`, submission(n));
        if (res.status === 201) accepted.push(((await res.json()) as { trackingNo: string }).trackingNo);
        else refused = res;
      }
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused?.status).toBe(500);
      expect(await refused?.json()).toEqual({
        error: { code: "internal", message: "Something went wrong on our side. Please try again." },
      });

      // The operator makes room: what was accepted is projected and routed, and intake takes messages again.
      execFileSync("mount", ["-o", "remount,size=64m", state]);
      const deadline = Date.now() + 90_000;
      while ((await routedCount(site, accepted)) < accepted.length && Date.now() < deadline) await sleep(500);
      expect(await routedCount(site, accepted)).toBe(accepted.length);
      expect((await fetch(`${site.base}/api/v1/cases`, submission(999))).status).toBe(201);
    } finally {
      await stopSelfhost(site);
      execFileSync("umount", [state]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it("keeps serving every other case when one case's object file is damaged, and names that case", async () => {
    const live = server;
    if (!live) throw new Error("not running");
    const [victim, other] = [await submitCase(live.base, 1), await submitCase(live.base, 2)];
    if (!victim || !other) throw new Error("submissions refused");
    while ((await routedCount(live, [victim, other])) < 2) await sleep(300);
    const backup = path.join(dataDir, "before.tar.gz");
    await operatorScript("backup", ["--data", dataDir, "--out", backup]);

    // Stopped, the victim's file (found by its tracking number) loses its SQLite header.
    await stopSelfhost(live);
    const objects = path.join(dataDir, "state/wenzheng-intake-selfhost/wenzheng-intake-selfhost-CaseRecord");
    const file = readdirSync(objects).find(
      (f) =>
        f !== "metadata.sqlite" && readFileSync(path.join(objects, f), "latin1").includes(`"trackingNo":"${victim}"`),
    );
    if (!file) throw new Error(`no object file holds ${victim}`);
    const bytes = readFileSync(path.join(objects, file));
    bytes.fill(0x21, 0, 100);
    writeFileSync(path.join(objects, file), bytes);
    server = await startSelfhost(dataDir, { build: false });
    const site = server;

    // Everything else works: the other case's page, and a new case end to end.
    expect((await fetch(`${site.base}/api/v1/cases/${other}`)).status).toBe(200);
    const lines: string[] = [];
    await runSmoke(site.base, (line) => lines.push(line), { routeTimeoutMs: 60_000 });
    expect(lines.at(-1)).toMatch(/^Smoke test passed/);

    // The check names the case and lists it as failed work for the console.
    const check = await operatorScript("check", ["--data", dataDir, "--record"]).then(
      () => "passed",
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    expect(check).toContain(`✖ case ${victim}:`);
    const [letter] = await sql<{ queue: string; body: string }>(
      site,
      "SELECT queue, body FROM dead_letters WHERE id = ?",
      [`object:${file}`],
    );
    expect(letter?.queue).toBe("object");
    expect(JSON.parse(letter?.body ?? "{}")).toMatchObject({ trackingNo: victim });

    // The remedy: that one file from the backup, copied in while stopped.
    await stopSelfhost(site);
    const restored = mkdtempSync(path.join(os.tmpdir(), "wenzheng-one-file-"));
    execFileSync("tar", ["-xzf", backup, "-C", restored]);
    cpSync(
      path.join(restored, "state/wenzheng-intake-selfhost/wenzheng-intake-selfhost-CaseRecord", file),
      path.join(objects, file),
    );
    rmSync(restored, { recursive: true, force: true });
    server = await startSelfhost(dataDir, { build: false });
    expect(await operatorScript("check", ["--data", dataDir])).toMatch(/✔ \d+ SQLite files checked, 0 damaged/);
  }, 240_000);
});

function submission(n: number): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `full-disk-${n}-${Date.now()}`,
      "x-real-ip": `10.8.${Math.floor(n / 250)}.${n % 250}`,
    },
    body: JSON.stringify({
      type: "complaint",
      title: `（full-disk-${n}）路灯不亮`,
      body: "崆峒区某小区门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快派人维修。",
      regionCode: "620802",
      category: "urban_rural",
      phone: `1390002${String(n).padStart(4, "0")}`,
      isPublic: true,
    }),
  };
}
