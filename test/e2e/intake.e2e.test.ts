import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A citizen's message from the HTML form to every place it must land: the four Workers run under
 * one real `wrangler dev` on a fresh database, and the test checks D1 through wrangler itself.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// wrangler's own entry, run with the Node running the tests (never the system node).
const WRANGLER = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const CONFIGS = ["wrangler.toml", "workers/assignment/wrangler.toml", "workers/deadline/wrangler.toml", "workers/evaluation/wrangler.toml"];
const HOLIDAYS = path.resolve(root, "../shared/data/holidays-cn.json");
const SEED_TOKEN = "e2e-token";
const run = promisify(execFile);

let persistDir = "";
let base = "";
let dev: ChildProcess | undefined;
let devLog = "";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function wrangler(args: string[]): Promise<string> {
  // stdin is a pipe, not a TTY, so `migrations apply` does not stop to ask for confirmation.
  const { stdout } = await run(process.execPath, [WRANGLER, ...args], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

async function d1<T>(sql: string): Promise<T[]> {
  const out = await wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--json", "--command", sql]);
  const [first] = JSON.parse(out) as { results: T[] }[];
  if (!first) throw new Error(`unexpected wrangler d1 output: ${out.slice(0, 500)}`);
  return first.results;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * fetch that rides out a dropped connection: wrangler dev rebuilds and restarts the Workers when a
 * source file changes, cutting off whatever was in flight. Every request here is safe to repeat
 * (the form post carries its idempotent formToken).
 */
async function http(pathname: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(base + pathname, { ...init, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(1000);
    }
  }
}

/** Polls until `done(value)`; on timeout reports the last value (or error) and wrangler's recent output. */
async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (done(value)) return value;
      last = value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}\n--- wrangler dev output ---\n${devLog.slice(-3000)}`);
    }
    await sleep(500);
  }
}

/** The text of the element marked `data-testid="<id>"`. */
function testId(html: string, id: string): string {
  const m = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  if (!m?.[1]) throw new Error(`no data-testid="${id}" in page:\n${html.slice(0, 2000)}`);
  return m[1].trim();
}

function formToken(html: string): string {
  const m = /<input[^>]*name="formToken"[^>]*value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error(`no formToken in /submit:\n${html.slice(0, 2000)}`);
  return m[1];
}

beforeAll(async () => {
  persistDir = fs.mkdtempSync(path.join(os.tmpdir(), "wenzheng-e2e-"));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir]);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Secrets as --var, which take precedence over any developer's .dev.vars, so nothing is written
  // into the repo. detached: wrangler leads its own process group (with workerd), killed as one.
  dev = spawn(
    process.execPath,
    [WRANGLER, "dev", ...CONFIGS.flatMap((c) => ["-c", c]), "--persist-to", persistDir, "--port", String(port), "--ip", "127.0.0.1",
      "--var", "QUERY_CODE_SECRET:e2e-secret", "--var", `DEMO_SEED_TOKEN:${SEED_TOKEN}`, "--var", "SESSION_SECRET:e2e-session-secret",
      "--show-interactive-dev-session=false"],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const keep = (chunk: Buffer) => (devLog = (devLog + chunk.toString()).slice(-20_000));
  dev.stdout!.on("data", keep);
  dev.stderr!.on("data", keep);
  const exited = () => dev!.exitCode !== null || dev!.signalCode !== null;
  const ready = await waitFor(
    "wrangler dev to answer /api/v1/meta",
    async () => (exited() ? "exited" : (await fetch(`${base}/api/v1/meta`)).status),
    (s) => s === 200 || s === "exited",
    150_000,
  );
  if (ready === "exited") throw new Error(`wrangler dev exited early (${dev.exitCode ?? dev.signalCode})\n${devLog.slice(-4000)}`);

  // Configuration only (regions, departments, calendar): count 0 seeds no demo cases.
  const holidays: unknown = JSON.parse(fs.readFileSync(HOLIDAYS, "utf8"));
  const seeded = await http("/__demo/seed", {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-token": SEED_TOKEN },
    body: JSON.stringify({ holidays, from: 0, count: 0 }),
  });
  const seedText = await seeded.text();
  expect(seeded.status, seedText).toBe(200);
});

afterAll(async () => {
  if (dev?.pid && dev.exitCode === null && dev.signalCode === null) {
    const gone = new Promise((r) => dev!.once("exit", r));
    killGroup(dev.pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(dev!.pid!, "SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  }
  if (persistDir) fs.rmSync(persistDir, { recursive: true, force: true });
});

describe("a message posted through the HTML form", () => {
  const phone = "13912345678";
  const title = "小区夜间施工噪音扰民";
  const body = "每天晚上十一点以后仍在施工，噪音很大，影响休息。<script>alert(1)</script>请有关部门尽快处理。";

  it("is received, projected, sent over both queues, shown safely, and replayed on resubmission", async () => {
    const form = await http("/submit");
    expect(form.status).toBe(200);
    const token = formToken(await form.text());
    const fields = new URLSearchParams({ type: "complaint", title, body, regionCode: "620802", phone, isPublic: "true", formToken: token });
    const post = () => http("/submit", { method: "POST", body: fields }); // URLSearchParams sets the form content type

    const first = await post();
    const receipt = await first.text();
    expect(first.status, receipt.slice(0, 2000)).toBe(200);
    const trackingNo = testId(receipt, "tracking-no").replaceAll("-", "");
    const queryCode = testId(receipt, "query-code");
    const receiptHash = testId(receipt, "receipt-hash");
    expect(trackingNo).toMatch(/^[0-9A-Z]{12}$/); // also makes it safe to put in the SQL below
    expect(queryCode).toHaveLength(8);
    expect(receiptHash).toMatch(/^[0-9a-f]{64}$/);

    // Projection to D1 and both queue consumers run after the response; each consumer records the
    // case.submitted event by its id, which ties the rows to this very event.
    type Row = { caseId: string; status: string; cases: number; hash: string | null; inbox: number; receipts: number };
    const sql = `
      SELECT c.case_id AS caseId, c.status,
        (SELECT count(*) FROM cases WHERE tracking_no = '${trackingNo}') AS cases,
        e.hash,
        (SELECT count(*) FROM evaluation_inbox i WHERE i.event_id = e.event_id AND i.case_id = c.case_id AND i.type = 'case.submitted') AS inbox,
        (SELECT count(*) FROM intake_receipts r WHERE r.event_id = e.event_id AND r.case_id = c.case_id) AS receipts
      FROM cases c LEFT JOIN case_events e ON e.case_id = c.case_id AND e.type = 'case.submitted'
      WHERE c.tracking_no = '${trackingNo}'`;
    const row = await waitFor(
      "the case in cases, case_events, evaluation_inbox and intake_receipts",
      async () => (await d1<Row>(sql))[0],
      (r) => r !== undefined && r.hash !== null && r.inbox > 0 && r.receipts > 0,
      15_000,
    );
    // Without a category routing leaves it for the dispatcher: screened and accepted, not assigned.
    expect(row).toMatchObject({ cases: 1, hash: receiptHash, inbox: 1, receipts: 1 });
    expect(["submitted", "accepted"]).toContain(row?.status);

    // The public page: the title shown, the body escaped rather than run.
    const page = await http(`/cases/${trackingNo}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(title);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain(phone);

    // The public JSON view carries no contact data; the query code unlocks the citizen's own view.
    const publicRes = await http(`/api/v1/cases/${trackingNo}`);
    const publicText = await publicRes.text();
    expect(publicRes.status).toBe(200);
    const publicView = JSON.parse(publicText) as Record<string, unknown>;
    expect(["submitted", "accepted"]).toContain(publicView.status);
    expect(publicView).not.toHaveProperty("petitioner");
    expect(publicText).not.toContain(phone);

    const ownRes = await http(`/api/v1/cases/${trackingNo}`, { headers: { "X-Query-Code": queryCode } });
    expect(ownRes.status).toBe(200);
    const own = (await ownRes.json()) as { petitioner?: { phone?: string } };
    expect(own.petitioner?.phone).toBe(phone);

    // A double submit (same formToken) lands on the same case and creates nothing new.
    const again = await post();
    const replayed = await again.text();
    expect(again.status).toBe(200);
    expect(testId(replayed, "tracking-no").replaceAll("-", "")).toBe(trackingNo);
    expect(testId(replayed, "receipt-hash")).toBe(receiptHash);
    const counted = await d1<{ n: number }>(`SELECT count(*) AS n FROM cases WHERE tracking_no = '${trackingNo}'`);
    expect(counted).toEqual([{ n: 1 }]);
  });
});

/** A staff member's browser against the running console: cookies, the CSRF token from each page. */
class Staff {
  private cookies = new Map<string, string>();
  private csrf = "";

  static async signIn(username: string): Promise<Staff> {
    const s = new Staff();
    const login = await s.request("/console/login");
    const token = /name="_login" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
    const res = await s.request("/console/login", { _login: token, username, password: "pingliang-demo", next: "/console" });
    expect(res.status).toBe(303);
    return s;
  }

  async page(pathname: string): Promise<string> {
    const html = await (await this.request(pathname)).text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return html;
  }

  async act(trackingNo: string, command: string, fields: Record<string, string> = {}): Promise<void> {
    await this.page(`/console/cases/${trackingNo}`);
    const res = await this.request(`/console/cases/${trackingNo}/do/${command}`, { _csrf: this.csrf, _key: crypto.randomUUID(), ...fields });
    expect(res.status, `${command}: ${(await res.text()).slice(0, 500)}`).toBe(303);
  }

  private async request(pathname: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await http(pathname, {
      method: form ? "POST" : "GET",
      headers: cookie ? { cookie } : {},
      body: form ? new URLSearchParams(form) : undefined,
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
}

describe("a message walked through the platform", () => {
  it("is routed by the 派单目录, acknowledged, answered, published and shown under the spokesperson's name", async () => {
    const token = formToken(await (await http("/submit")).text());
    const fields = new URLSearchParams({
      type: "complaint", title: "柳湖街道小区路灯不亮", body: "小区路灯坏了两个多月，晚上出行不安全，请尽快维修。",
      regionCode: "620802", category: "urban_rural", phone: "13811112222", name: "李女士", isPublic: "true", formToken: token,
    });
    const trackingNo = testId(await (await http("/submit", { method: "POST", body: fields })).text(), "tracking-no").replaceAll("-", "");
    const statusOf = async () => (await d1<{ status: string; department_id: string | null }>(`SELECT status, department_id FROM cases WHERE tracking_no = '${trackingNo}'`))[0];
    expect(await waitFor("routing to the housing bureau", statusOf, (r) => r?.status === "assigned", 20_000)).toEqual({ status: "assigned", department_id: "pl-housing" });

    const handler = await Staff.signIn("pl-housing-handler");
    expect(await handler.page("/console/inbox")).toContain(trackingNo.slice(0, 4));
    await handler.act(trackingNo, "acknowledge");
    await handler.act(trackingNo, "draftReply", { text: "经现场核实，路灯线路老化，已于本周更换，感谢您的监督。", outcome: "resolved", outcomeNote: "" });
    const spokesperson = await Staff.signIn("pl-housing-spokesperson");
    await spokesperson.act(trackingNo, "publishReply");

    await waitFor("the reply in the read model", statusOf, (r) => r?.status === "replied", 15_000);
    const page = await (await http(`/cases/${trackingNo}`)).text();
    expect(page).toContain("已于本周更换");
    expect(page).toContain("王建国");
    expect(page).toContain("市住建局副局长、网络发言人");
    expect(page).not.toContain("13811112222");
    expect(page).not.toContain("李女士");
    expect(page).not.toContain("承办人");
  });
});

describe("a partner's webhook", () => {
  it("receives signed POSTs for its case's state changes", async () => {
    const { createServer } = await import("node:http");
    const { createHash, createHmac } = await import("node:crypto");
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    try {
      const apiKey = `pk_e2e_${Date.now()}`;
      const keyHash = createHash("sha256").update(apiKey).digest("hex");
      await d1(`INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES ('e2e-partner', '平凉日报', '${keyHash}', '2026-01-01T00:00:00Z')`);
      const hook = await http("/api/v1/webhooks", { method: "POST", headers: { "content-type": "application/json", "x-api-key": apiKey }, body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook` }) });
      expect(hook.status).toBe(201);
      const { secret } = (await hook.json()) as { secret: string };
      const submitted = await http("/api/v1/cases", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey, "idempotency-key": `e2e-webhook-${Date.now()}` },
        body: JSON.stringify({ type: "consult", title: "咨询医保异地备案流程", body: "家中老人长期在外地居住，请问异地就医如何备案？", regionCode: "620802", category: "health", phone: "13700001111", isPublic: true }),
      });
      expect(submitted.status).toBe(201);
      const { trackingNo } = (await submitted.json()) as { trackingNo: string };
      await waitFor("webhook POSTs for submitted, accepted and assigned", async () => received.length, (n) => n >= 3, 20_000);
      const statuses = received.map((r) => (JSON.parse(r.body) as { status: string; trackingNo: string }));
      expect(statuses.every((s) => s.trackingNo === trackingNo)).toBe(true);
      expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(["submitted", "accepted", "assigned"]));
      for (const r of received) {
        const timestamp = String(r.headers["x-wenzheng-timestamp"]);
        const expected = createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("base64url");
        expect(r.headers["x-wenzheng-signature"]).toBe(`sha256=${expected}`);
        expect(r.body).not.toContain("13700001111");
      }
    } finally {
      server.close();
    }
  });
});
