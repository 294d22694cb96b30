// `npm start`: the whole platform on one machine, ready to click through.
//
//   1. creates .dev.vars with random secrets if it is missing (or lacks one of them);
//   2. applies the D1 migrations to .wrangler/state;
//   3. runs the four Workers in one `wrangler dev` on $PORT (default 8787);
//   4. on first run (no regions yet, or a seed cut short) loads the demo city's configuration;
//   5. makes sure the local demo partner's API key exists;
//   6. prints where to look (and that key), then on first run loads the 300 showcase cases and a year
//      of history (start-history.mjs) while the portal answers; stops everything on Ctrl-C.
//
// Plain Node built-ins only, so it runs before anything is built.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDevVars, LOCAL_SECRETS } from "./dev-vars.mjs";
import { loadHistory, markHistoryPending } from "./start-history.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Run wrangler's own entry with this Node, so neither PATH nor the system node decides the version.
const WRANGLER = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const PERSIST_DIR = ".wrangler/state";
const DEV_VARS = path.join(root, ".dev.vars");
// Present while a seed runs: a seed cut short by Ctrl-C is finished on the next start.
const SEED_PENDING = path.join(root, PERSIST_DIR, "demo-seed-pending");
const HOLIDAYS = path.resolve(root, "../shared/data/holidays-cn.json");
// The first config gets the port, so the public intake Worker (root wrangler.toml) comes first.
const CONFIGS = [
  "wrangler.toml",
  "workers/assignment/wrangler.toml",
  "workers/deadline/wrangler.toml",
  "workers/evaluation/wrangler.toml",
];
const READY_TIMEOUT_MS = 180_000;
const SEED_CHUNK = 20;
// Must match DEMO_STAFF_PASSWORD in shared/demo/demo-config.ts (this script runs before any build).
const DEMO_PASSWORD = "pingliang-demo";
// Must match DEMO_TOTP_SECRET in shared/auth/second-factor.ts.
const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}".`);
const base = `http://localhost:${port}`;

/** The running `wrangler dev`; it leads its own process group, which also holds workerd. */
let dev = null;
/** The short-lived child of the current step (migrations), if any. */
let step = null;
let stopping = false;
let exitCode = 0;

function fail(message, code = 1) {
  console.error(`\n✖ ${message}`);
  process.exit(code);
}

/** Stops wrangler (and through it workerd); the `exit` handler of `dev` then ends this process. */
function stop(signal, code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (step && step.exitCode === null) step.kill(signal);
  if (!dev || dev.exitCode !== null || dev.signalCode !== null) process.exit(code || 130);
  console.log("\nStopping the Workers…");
  // To the whole group, as a terminal's Ctrl-C would: wrangler and workerd both expect it.
  killGroup(signal);
  setTimeout(() => {
    console.error("wrangler did not stop within 10 s; killing it.");
    killGroup("SIGKILL");
  }, 10_000).unref();
}

function killGroup(signal) {
  try {
    process.kill(-dev.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
// Last resort if this script dies of an exception: never leave a wrangler without its parent.
process.on("exit", () => dev && dev.exitCode === null && dev.signalCode === null && killGroup("SIGKILL"));

/** Applies migrations. With stdin not a TTY wrangler skips its confirmation prompt. */
function applyMigrations() {
  console.log("• Applying D1 migrations…");
  return new Promise((resolve) => {
    step = spawn(
      process.execPath,
      [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST_DIR],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    step.stdout.on("data", (d) => (output += d));
    step.stderr.on("data", (d) => (output += d));
    step.on("error", (e) => fail(`Could not run wrangler (${e.message}). Did you run npm install?`));
    step.on("exit", (code, signal) => {
      step = null;
      if (stopping) process.exit(130);
      if (code !== 0) {
        process.stderr.write(output);
        fail(`Applying migrations failed (${code ?? signal}).`, code || 1);
      }
      // wrangler's own table of applied migrations is noisy; an up-to-date database prints one line.
      console.log(/No migrations to apply/.test(output) ? "  Already up to date." : "  Migrations applied.");
      resolve();
    });
  });
}

/** True when something already listens on the port: its /api/v1/meta would fool the readiness check. */
function portTaken() {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

function startWorkers() {
  const args = [
    WRANGLER,
    "dev",
    ...CONFIGS.flatMap((c) => ["-c", c]),
    "--persist-to",
    PERSIST_DIR,
    "--port",
    String(port),
  ];
  console.log(`• Starting the four Workers on port ${port}…`);
  // detached: wrangler leads its own process group, so one signal to the group stops it and workerd,
  // and a terminal's Ctrl-C reaches it only through stop() (once) rather than twice.
  dev = spawn(process.execPath, [...args, "--show-interactive-dev-session=false"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  dev.on("error", (e) => fail(`Could not start wrangler (${e.message}).`));
  dev.on("exit", (code, signal) => {
    killGroup("SIGTERM"); // stray workerd, if any
    if (stopping) process.exit(exitCode || code || 0);
    fail(`wrangler dev exited unexpectedly (${code === null ? signal : `code ${code}`}).`, code || 1);
  });
}

async function getMeta() {
  const res = await fetch(`${base}/api/v1/meta`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET /api/v1/meta answered ${res.status}`);
  return res.json();
}

async function waitUntilReady() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      return await getMeta();
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`The Workers did not answer within ${READY_TIMEOUT_MS / 1000} s (${error.message}).`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * One seed request. wrangler dev reloads whenever a source file changes, which cuts off requests in
 * flight; every seeded command has a fixed idempotency key, so resending the same chunk is safe.
 */
async function postSeed(token, body) {
  for (let attempt = 1; ; attempt++) {
    let problem;
    try {
      const res = await fetch(`${base}/__demo/seed`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-demo-token": token },
        body: JSON.stringify(body),
      });
      if (res.ok) return await res.json();
      problem = `${res.status} ${(await res.text()).slice(0, 500)}`;
      // A 4xx will not get better by asking again (404 here means the token does not match).
      if (res.status < 500)
        throw Object.assign(new Error(`Seeding failed at case ${body.from}: ${problem}`), { final: true });
    } catch (error) {
      if (error.final) throw error;
      problem ??= error.cause?.message ?? error.message;
    }
    if (stopping) return { seeded: 0, next: null, total: 0 };
    if (attempt === 5) {
      throw new Error(
        `Seeding failed at case ${body.from} after ${attempt} tries: ${problem}\n  To start afresh, stop and delete ${PERSIST_DIR}.`,
      );
    }
    console.log(`  (case ${body.from}: ${problem}; the Workers may be reloading after a file change, retrying)`);
    await waitUntilReady();
  }
}

/** Loads the demo city's configuration and holidays (no cases yet: the portal can answer from here on). */
async function seedConfig(token) {
  if (!existsSync(HOLIDAYS)) {
    throw new Error(
      `First run needs the holiday calendar at ${HOLIDAYS}, and it is missing. Restore it (it lives in the shared data folder beside this project) and run npm start again.`,
    );
  }
  const holidays = JSON.parse(readFileSync(HOLIDAYS, "utf8"));
  console.log("• First run: loading the demo city…");
  writeFileSync(SEED_PENDING, "");
  await postSeed(token, { holidays, from: 0, count: 0 });
}

/** The 300 showcase cases (every state on show), 20 at a time so no single request runs long. */
async function seedCases(token) {
  let from = 0;
  while (from !== null && !stopping) {
    const { seeded, next, total } = await postSeed(token, { from, count: SEED_CHUNK });
    if (stopping) return;
    if (next === null || (from + seeded) % 100 === 0) console.log(`  ${from + seeded}/${total} showcase cases`);
    from = next;
  }
  rmSync(SEED_PENDING, { force: true });
}

/** The local demo partner's API key (the same on every start): X-API-Key on the JSON API, api_key on Open311. */
async function demoPartnerKey(token) {
  const res = await fetch(`${base}/__demo/partner-key`, { method: "POST", headers: { "x-demo-token": token } });
  if (!res.ok)
    throw new Error(`Creating the demo partner key failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
  const { apiKey, revoked } = await res.json();
  return revoked ? "(revoked in the console)" : apiKey;
}

function banner(seconds, partnerKey) {
  const line = "─".repeat(60);
  console.log(`
${line}
  平凉网络问政 (demo) is running (ready in ${seconds} s): ${base}/

    ${base}/                     public board
    ${base}/submit               leave a message
    ${base}/lookup               look up a case with its query code
    ${base}/api/v1/docs          API reference
    ${base}/api/v1/openapi.json  OpenAPI document
    ${base}/open311/v2/discovery.json  Open311 GeoReport v2 (POST needs the partner API key below)
    ${base}/spokespeople         online spokespeople        ${base}/notices  public 通报
    ${base}/console              staff console
    ${base}/__dev/outbox         the SMS and e-mails "sent" (nothing leaves this machine)

  Demo staff accounts (password for all: ${DEMO_PASSWORD}):
    dispatcher  supervisor  evaluator  admin                (platform office)
      dispatcher, supervisor and admin also ask for a two-step code: the local code page shows the
      demo's current one (or add the key ${DEMO_TOTP_SECRET} to an authenticator app)
    pl-housing-handler  pl-housing-spokesperson             (and <department>-handler / -spokesperson
    pl-mayor-office-handler  kongtong-handler  …             for every department; see /console/admin)

  Data lives in ${PERSIST_DIR} (delete it to start afresh).
  Press Ctrl-C to stop.
${line}
partner API key: ${partnerKey}
`);
}

async function main() {
  const started = Date.now();
  const vars = ensureDevVars(root, DEV_VARS, LOCAL_SECRETS[".dev.vars"]);
  ensureDevVars(root, path.join(root, "workers/assignment/.dev.vars"), LOCAL_SECRETS["workers/assignment/.dev.vars"]);
  await applyMigrations();
  if (await portTaken())
    fail(`Port ${port} is already in use. Stop what runs there, or choose another: PORT=8788 npm start`);
  startWorkers();
  const meta = await waitUntilReady();
  if (meta.regions.length === 0) markHistoryPending(root, PERSIST_DIR);
  if (meta.regions.length === 0 || existsSync(SEED_PENDING)) await seedConfig(vars.DEMO_SEED_TOKEN);
  else console.log("• Demo data already loaded.");
  const partnerKey = stopping ? null : await demoPartnerKey(vars.DEMO_SEED_TOKEN);
  if (stopping) return;
  banner(((Date.now() - started) / 1000).toFixed(1), partnerKey);
  // Both at once: the showcase's requests wait on one another more than they use the CPU.
  const history = loadHistory({ root, persistDir: PERSIST_DIR, base, onChild: (child) => (step = child) });
  if (existsSync(SEED_PENDING)) await seedCases(vars.DEMO_SEED_TOKEN);
  await history;
}

main().catch((error) => {
  if (stopping) return; // a fetch cut short by Ctrl-C
  console.error(`\n✖ ${error.message}`);
  stop("SIGTERM", 1);
});
