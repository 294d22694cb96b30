import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "vitest";

/**
 * The platform for end-to-end walks: the four Workers under one real `wrangler dev` on a fresh
 * database and a free port, with helpers to reach them over HTTP and to read D1 through wrangler.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// wrangler's own entry, run with the Node running the tests (never the system node).
const WRANGLER = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const CONFIGS = [
  "wrangler.toml",
  "workers/assignment/wrangler.toml",
  "workers/deadline/wrangler.toml",
  "workers/evaluation/wrangler.toml",
];
const HOLIDAYS = path.resolve(root, "../shared/data/holidays-cn.json");
const SEED_TOKEN = "e2e-token";
/** The board import's token (IMPORT_TOKEN), as an operator would set it while importing. */
export const IMPORT_TOKEN = "e2e-import-token-0123456789";
const ASSIGNMENT_DEV_VARS = path.join(root, "workers/assignment/.dev.vars");
let wroteDevVars = false;
const run = promisify(execFile);

let persistDir = "";
let base = "";
let dev: ChildProcess | undefined;
let devLog = "";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function wrangler(args: string[]): Promise<string> {
  // stdin is a pipe, not a TTY, so `migrations apply` does not stop to ask for confirmation.
  const { stdout } = await run(process.execPath, [WRANGLER, ...args], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

export async function d1<T>(sql: string): Promise<T[]> {
  const out = await wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    persistDir,
    "--json",
    "--command",
    sql,
  ]);
  const [first] = JSON.parse(out) as { results: T[] }[];
  if (!first) throw new Error(`unexpected wrangler d1 output: ${out.slice(0, 500)}`);
  return first.results;
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: already gone.
  }
}

export function freePort(): Promise<number> {
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
/** Where the running Workers answer, e.g. http://127.0.0.1:41234. */
export const platformBase = () => base;

export async function http(pathname: string, init?: RequestInit): Promise<Response> {
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
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
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
      throw new Error(
        `timed out waiting for ${what}; last saw ${JSON.stringify(last)}\n--- wrangler dev output ---\n${devLog.slice(-3000)}`,
      );
    }
    await sleep(500);
  }
}

/** The text of the element marked `data-testid="<id>"`. */
export function testId(html: string, id: string): string {
  const m = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  if (!m?.[1]) throw new Error(`no data-testid="${id}" in page:\n${html.slice(0, 2000)}`);
  return m[1].trim();
}

export function formToken(html: string): string {
  const m = /<input[^>]*name="formToken"[^>]*value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error(`no formToken in /submit:\n${html.slice(0, 2000)}`);
  return m[1];
}

/** Starts the four Workers on a fresh database and a free port, and loads the demo configuration. */
export async function startPlatform(): Promise<void> {
  persistDir = fs.mkdtempSync(path.join(os.tmpdir(), "wenzheng-e2e-"));
  await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir]);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Intake's secrets as --var (they take precedence over a developer's .dev.vars). A --var or an
  // --env-file reaches only the session's first Worker, so the console's session secret comes from
  // workers/assignment/.dev.vars (git-ignored): written here when missing, removed afterwards.
  if (!fs.existsSync(ASSIGNMENT_DEV_VARS)) {
    fs.writeFileSync(ASSIGNMENT_DEV_VARS, 'SESSION_SECRET="e2e-session-secret"\n');
    wroteDevVars = true;
  }
  // detached: wrangler leads its own process group (with workerd), killed as one.
  dev = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      ...CONFIGS.flatMap((c) => ["-c", c]),
      "--persist-to",
      persistDir,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--var",
      "QUERY_CODE_SECRET:e2e-secret",
      "--var",
      `DEMO_SEED_TOKEN:${SEED_TOKEN}`,
      "--var",
      `IMPORT_TOKEN:${IMPORT_TOKEN}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const keep = (chunk: Buffer) => {
    devLog = (devLog + chunk.toString()).slice(-20_000);
  };
  const child = dev;
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const ready = await waitFor(
    "wrangler dev to answer /api/v1/meta",
    async () => (exited() ? "exited" : (await fetch(`${base}/api/v1/meta`)).status),
    (s) => s === 200 || s === "exited",
    150_000,
  );
  if (ready === "exited")
    throw new Error(`wrangler dev exited early (${dev.exitCode ?? dev.signalCode})\n${devLog.slice(-4000)}`);

  // Configuration only (regions, departments, calendar): count 0 seeds no demo cases.
  const holidays: unknown = JSON.parse(fs.readFileSync(HOLIDAYS, "utf8"));
  const seeded = await http("/__demo/seed", {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-token": SEED_TOKEN },
    body: JSON.stringify({ holidays, from: 0, count: 0 }),
  });
  const seedText = await seeded.text();
  expect(seeded.status, seedText).toBe(200);
}

/** Stops wrangler (and workerd with it) and removes the database. */
export async function stopPlatform(): Promise<void> {
  const child = dev;
  const pid = child?.pid;
  if (child && pid && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((r) => child.once("exit", r));
    killGroup(pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
  }
  if (persistDir) fs.rmSync(persistDir, { recursive: true, force: true });
  if (wroteDevVars) fs.rmSync(ASSIGNMENT_DEV_VARS, { force: true });
}

/** A staff member's browser against the running console: cookies, the CSRF token from each page. */
export class Staff {
  private cookies = new Map<string, string>();
  private csrf = "";

  private constructor(private readonly send: typeof http) {}

  /** Signs in on the wrangler dev platform (the demo's password), or through `send` elsewhere. */
  static async signIn(username: string, password = "pingliang-demo", send: typeof http = http): Promise<Staff> {
    const s = new Staff(send);
    const login = await s.request("/console/login");
    const token = /name="_login" value="([^"]+)"/.exec(await login.text())?.[1] ?? "";
    const res = await s.request("/console/login", {
      _login: token,
      username,
      password,
      next: "/console",
    });
    expect(res.status).toBe(303);
    return s;
  }

  async page(pathname: string): Promise<string> {
    const html = await (await this.request(pathname)).text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return html;
  }

  async act(trackingNo: string, command: string, fields: Record<string, string> = {}): Promise<void> {
    const html = await this.page(`/console/cases/${trackingNo}`);
    // The form's own hidden fields (e.g. publishReply names the draft that was reviewed).
    const action = `/console/cases/${trackingNo}/do/${command}`;
    const form = html.slice(
      html.indexOf(`action="${action}"`),
      html.indexOf("</form>", html.indexOf(`action="${action}"`)),
    );
    const hidden = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
    );
    const res = await this.request(action, { ...hidden, _csrf: this.csrf, _key: crypto.randomUUID(), ...fields });
    expect(res.status, `${command}: ${(await res.text()).slice(0, 500)}`).toBe(303);
  }

  private async request(pathname: string, form?: Record<string, string>): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.send(pathname, {
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
