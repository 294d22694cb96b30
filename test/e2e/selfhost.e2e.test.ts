import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlRequest, sqlBatch } from "../../scripts/selfhost/control-client";
import { runSmoke } from "../../scripts/smoke/smoke";
import { hashPassword } from "../../shared/auth/password";
import { Staff } from "./platform";
import {
  backlog,
  loadCity,
  operatorScript,
  type Selfhost,
  sql,
  startSelfhost,
  stopSelfhost,
  submitCase,
  workerdPid,
} from "./selfhost-platform";
import { walkCase } from "./walk";

/**
 * The self-hosted target (issue: run in a mainland data centre): the four Workers on plain workerd
 * with the platform's D1, queues and cron, from `npm run selfhost` to a case routed, and a kill -9
 * of the server while cases arrive, a backup taken while serving and restored on a standby.
 */

const dataDir = mkdtempSync(path.join(os.tmpdir(), "wenzheng-selfhost-e2e-"));
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

function running(): Selfhost {
  if (!server) throw new Error("selfhost is not running");
  return server;
}

describe("npm run selfhost", () => {
  it("passes the smoke test on plain workerd", async () => {
    const lines: string[] = [];
    const steps = await runSmoke(running().base, (line) => lines.push(line), { routeTimeoutMs: 60_000 });
    expect(steps).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/^Smoke test passed/);
  });

  it("runs a D1 batch as one transaction: a failing statement leaves nothing of the batch", async () => {
    const site = running();
    await expect(
      sqlBatch(site.control, [
        { sql: "INSERT INTO screen_words (word, created_at) VALUES ('批次测试', '2026-12-07T00:00:00Z')" },
        { sql: "INSERT INTO no_such_table VALUES (1)" },
      ]),
    ).rejects.toThrow(/no such table: no_such_table/);
    expect(await sql(site, "SELECT word FROM screen_words WHERE word = '批次测试'")).toEqual([]);
  });

  it("refuses the control socket without its token, bad SQL bodies and a tick in the future, and fires a doubled tick once", async () => {
    const site = running();
    const control = (route: string, init: RequestInit = {}, token = site.control.token) =>
      fetch(new URL(route, site.control.url), { ...init, headers: { authorization: `Bearer ${token}` } });
    expect((await control("/queues", {}, "wrong-token")).status).toBe(401);
    expect((await fetch(new URL("/queues", site.control.url))).status).toBe(401);
    expect((await control("/sql", { method: "POST", body: "not json" })).status).toBe(400);
    expect((await control("/sql", { method: "POST", body: JSON.stringify({ statements: [{ sql: 1 }] }) })).status).toBe(
      400,
    );
    expect((await control(`/tick?at=${Date.now() + 3_600_000}`, { method: "POST" })).status).toBe(400);
    // A past five-minute mark (the one before the split test's), ticked twice: the deadline sweep fires once.
    const at = Math.floor((Date.now() - 60_000) / 300_000) * 300_000 - 300_000 + 1000;
    const fired = async () =>
      (
        (await (await control(`/tick?at=${at}`, { method: "POST" })).json()) as { fired: { worker: string }[] }
      ).fired.filter((f) => f.worker === "wenzheng-deadline-selfhost").length;
    expect([await fired(), await fired()]).toEqual([1, 0]);
  });

  it("walks a case from the form to the ranking", async () => {
    const site = running();
    // The accounts an admin would set up in the console: a handler, and the city file's spokesperson.
    const password = "selfhost-walk-password";
    const hash = await hashPassword(password);
    await sql(
      site,
      "INSERT INTO users (id, username, display_name, role, department_id, password_hash) VALUES ('walk-handler', 'pl-housing-handler', '张承办', 'handler', 'pl-housing', ?)",
      [hash],
    );
    await sql(
      site,
      "UPDATE users SET password_hash = ?, password_change_required = 0 WHERE username = 'pl-housing-spokesperson'",
      [hash],
    );
    const send = (pathname: string, init?: RequestInit) => fetch(site.base + pathname, init);
    await walkCase({
      http: send,
      d1: (statement) => sql(site, statement),
      signIn: (username) => Staff.signIn(username, password, send),
    });
  });

  it("loses and doubles nothing when the server is killed with kill -9 while cases arrive", async () => {
    const before = running();
    const port = Number(new URL(before.base).port);
    const accepted: string[] = [];
    let n = 0;
    // Submissions keep arriving, four at a time; the server is killed once some are in.
    const stream = (async () => {
      while (n < 60) {
        const batch = await Promise.all([0, 1, 2, 3].map(() => submitCase(before.base, ++n)));
        for (const t of batch) if (t) accepted.push(t);
      }
    })();
    while (accepted.length < 12 && n < 60) await sleep(20);
    expect(accepted.length).toBeGreaterThanOrEqual(12);
    process.kill(workerdPid(dataDir), "SIGKILL");
    await stream;
    await new Promise((r) => (before.process.exitCode === null ? before.process.once("exit", r) : r(null)));

    server = await startSelfhost(dataDir, { build: false, port });
    const after = running();
    for (let i = 0; i < 20; i++) {
      const t = await submitCase(after.base, 1000 + i);
      if (t) accepted.push(t);
    }
    expect(accepted.length).toBeGreaterThanOrEqual(32);

    // Everything accepted is routed, and the queues drain (the object's alarms and the broker's resume).
    const list = accepted.map(() => "?").join(",");
    const deadline = Date.now() + 120_000;
    let routed = 0;
    for (;;) {
      const [row] = await sql<{ n: number }>(
        after,
        `SELECT count(*) AS n FROM cases WHERE tracking_no IN (${list}) AND department_id IS NOT NULL`,
        accepted,
      );
      routed = row?.n ?? 0;
      if ((routed === accepted.length && (await backlog(after)) === 0) || Date.now() > deadline) break;
      await sleep(500);
    }
    expect(routed).toBe(accepted.length);

    // One row per accepted case, each assigned exactly once, with an unbroken event log.
    const perCase = await sql<{ tracking_no: string; events: number; max_seq: number; assigned: number }>(
      after,
      `SELECT c.tracking_no, count(e.event_id) AS events, max(e.seq) AS max_seq,
              sum(e.type = 'case.assigned') AS assigned
         FROM cases c JOIN case_events e ON e.case_id = c.case_id
        WHERE c.tracking_no IN (${list}) GROUP BY c.case_id`,
      accepted,
    );
    expect(perCase).toHaveLength(accepted.length);
    for (const c of perCase) {
      expect(c.assigned, c.tracking_no).toBe(1);
      expect(c.events, c.tracking_no).toBe(c.max_seq);
    }
    // The rollups counted each assignment once: the city's sum equals the events.
    await sleep(2_000);
    const [events] = await sql<{ n: number }>(
      after,
      "SELECT count(*) AS n FROM case_events WHERE type = 'case.assigned'",
    );
    const [counted] = await sql<{ n: number }>(
      after,
      "SELECT coalesce(sum(n), 0) AS n FROM rollup_units WHERE kind = 'city' AND counter = 'assigned'",
    );
    expect(counted?.n).toBe(events?.n);
  }, 300_000);

  it("takes a consistent backup while serving, which a standby restores and serves", async () => {
    const live = running();
    const [before] = await sql<{ n: number }>(live, "SELECT count(*) AS n FROM cases");
    let arriving = true;
    const stream = (async () => {
      for (let i = 0; arriving; i++) await submitCase(live.base, 2000 + i);
    })();
    const file = path.join(os.tmpdir(), `wenzheng-backup-${Date.now()}.tar.gz`);
    const said = await operatorScript("backup", ["--data", dataDir, "--out", file]);
    arriving = false;
    await stream;
    expect(said).toMatch(/workerd paused \d+ ms/);

    // The standby VM: the same install (app), the backup restored, started.
    const standbyDir = mkdtempSync(path.join(os.tmpdir(), "wenzheng-standby-"));
    cpSync(path.join(dataDir, "app"), path.join(standbyDir, "app"), { recursive: true });
    let standby: Selfhost | undefined;
    try {
      await operatorScript("restore", ["--data", standbyDir, "--from", file]);
      standby = await startSelfhost(standbyDir, { build: false });
      const [restored] = await sql<{ n: number }>(standby, "SELECT count(*) AS n FROM cases");
      expect(restored?.n).toBeGreaterThanOrEqual(before?.n ?? Number.POSITIVE_INFINITY);
      // Same secrets, same data: a case from before is there with its public page, and new ones are routed.
      const lines: string[] = [];
      await runSmoke(standby.base, (line) => lines.push(line), { routeTimeoutMs: 60_000 });
      expect(lines.at(-1)).toMatch(/^Smoke test passed/);
    } finally {
      await stopSelfhost(standby);
      rmSync(standbyDir, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  }, 300_000);

  it("serves the same data split over two workerd processes, the consumers apart from intake", async () => {
    await stopSelfhost(server);
    server = await startSelfhost(dataDir, { build: false, split: true });
    const split = running();
    const lines: string[] = [];
    await runSmoke(split.base, (line) => lines.push(line), { routeTimeoutMs: 60_000 });
    expect(lines.at(-1)).toMatch(/^Smoke test passed/);
    // The console is the back's assignment Worker, reached through intake's service binding.
    expect((await fetch(`${split.base}/console/login`)).status).toBe(200);
    // A cron the front's ledger fires in the back (the deadline sweep), at a past five-minute mark.
    const at = Math.floor((Date.now() - 60_000) / 300_000) * 300_000 + 1000;
    const { fired } = await controlRequest<{ fired: { worker: string; outcome: string }[] }>(
      split.control,
      "POST",
      `/tick?at=${at}`,
    );
    expect(fired).toContainEqual(expect.objectContaining({ worker: "wenzheng-deadline-selfhost", outcome: "ok" }));
  });
});
