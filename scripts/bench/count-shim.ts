/**
 * A counting entry module put in front of each platform Worker's bundle, for the D1 counting run
 * only (d1-count.ts): production code is untouched, the bench wraps its entry.
 *
 * Why this way: D1's results carry `meta.rows_read/rows_written`, but `raw()` and `first()` — what
 * drizzle mostly uses — drop them before the caller sees them, so wrapping `env.DB` from the
 * outside could count round trips but not rows. Every D1 call of the binding goes through one of
 * two methods of its session class (`_send` over HTTP, `_queryOrThrow` over RPC, depending on the
 * runtime's flags), which see each statement's meta; the shim wraps those on the class's
 * prototype, once per isolate. Counting at the SQLite level instead would miss the round trips,
 * which matter as much as rows here. Queue sends are counted the same way (the producer class's
 * `send`/`sendBatch`), object requests on the callee side (each RPC method and the alarm of the
 * exported durable object classes), the object's own SQLite statements and their rows (the
 * `SqlStorage` class's `exec`, rows from each cursor once consumed), and handler invocations by kind. Each count is booked to the
 * stage running it, through an AsyncLocalStorage set around each handler: intake's fetch,
 * assignment's, evaluation's and deadline's queue handlers, the object's methods. The counts are
 * read (and reset) at `GET /__bench/counts`, answered by the shim before the Worker's own routes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BuiltWorker } from "./build.ts";

export const COUNTS_PATH = "/__bench/counts";

export interface StageCounts {
  roundTrips: number;
  statements: number;
  rowsRead: number;
  rowsWritten: number;
  queueSends: number;
  queueMessages: number;
  objectCalls: Record<string, number>;
  invocations: Record<string, number>;
  /** The object's own SQLite: statements, and rows read and written (cursor.rowsRead/rowsWritten). */
  sqlStatements: number;
  sqlRowsRead: number;
  sqlRowsWritten: number;
}

const SHIM = `
import { AsyncLocalStorage } from "node:async_hooks";
import * as real from "./__BUNDLE__";

const STAGE = __STAGE__;
const als = new AsyncLocalStorage();
let counts = {};
// Outside any handler in intake's isolate only the object's own events run (alarms, RPC).
const stageNow = () => als.getStore() ?? (STAGE === "intake" ? "object" : STAGE);
const bucket = () =>
  (counts[stageNow()] ??= {
    roundTrips: 0, statements: 0, rowsRead: 0, rowsWritten: 0,
    queueSends: 0, queueMessages: 0, objectCalls: {}, invocations: {},
    sqlStatements: 0, sqlRowsRead: 0, sqlRowsWritten: 0,
  });
// The object's SQLite cursors: their row counts are final only once read, so they are summed at readout.
let cursors = [];

function patchSql(ctx) {
  const sql = ctx?.storage?.sql;
  if (!sql) return;
  const proto = Object.getPrototypeOf(sql);
  if (patched.has(proto)) return;
  patched.add(proto);
  const exec = proto.exec;
  proto.exec = function (...args) {
    const b = bucket();
    b.sqlStatements++;
    const cursor = exec.apply(this, args);
    cursors.push([b, cursor]);
    return cursor;
  };
}

function settleCursors() {
  for (const [b, cursor] of cursors) {
    b.sqlRowsRead += cursor.rowsRead ?? 0;
    b.sqlRowsWritten += cursor.rowsWritten ?? 0;
  }
  cursors = [];
}
const patched = new WeakSet();

function addMeta(b, results) {
  for (const r of Array.isArray(results) ? results : [results]) {
    b.rowsRead += r?.meta?.rows_read ?? 0;
    b.rowsWritten += r?.meta?.rows_written ?? 0;
  }
}

function patchEnv(env) {
  for (const value of Object.values(env ?? {})) {
    if (!value || typeof value !== "object") continue;
    if (typeof value.withSession === "function" && typeof value.prepare === "function") {
      const proto = Object.getPrototypeOf(value.withSession());
      if (patched.has(proto)) continue;
      patched.add(proto);
      const send = proto._send;
      const query = proto._queryOrThrow;
      if (send) proto._send = async function (endpoint, q, ...rest) {
        const b = bucket();
        b.roundTrips++;
        b.statements += Array.isArray(q) ? q.length : 1;
        const r = await send.call(this, endpoint, q, ...rest);
        addMeta(b, r);
        return r;
      };
      if (query) proto._queryOrThrow = async function (request, ...rest) {
        const b = bucket();
        b.roundTrips++;
        b.statements += request?.queries?.length ?? 1;
        const r = await query.call(this, request, ...rest);
        addMeta(b, r);
        return r;
      };
    } else if (typeof value.send === "function" && typeof value.sendBatch === "function") {
      const proto = Object.getPrototypeOf(value);
      if (patched.has(proto)) continue;
      patched.add(proto);
      const send = proto.send;
      const sendBatch = proto.sendBatch;
      proto.send = function (...args) {
        const b = bucket();
        b.queueSends++;
        b.queueMessages++;
        return send.apply(this, args);
      };
      proto.sendBatch = function (messages, ...args) {
        const b = bucket();
        b.queueSends++;
        b.queueMessages += messages?.length ?? 0;
        return sendBatch.call(this, messages, ...args);
      };
    }
  }
}

function invoked(kind, n = 1) {
  const b = bucket();
  b.invocations[kind] = (b.invocations[kind] ?? 0) + n;
}

// The case object is "object"; any other class (the near-duplicate index) goes by its name.
function counted(Base, name) {
  if (typeof Base !== "function" || !Base.prototype) return Base;
  const stage = name === "CaseRecord" ? "object" : name.charAt(0).toLowerCase() + name.slice(1);
  class Counted extends Base {
    constructor(ctx, env) {
      patchEnv(env);
      patchSql(ctx);
      super(ctx, env);
    }
  }
  for (const key of Object.getOwnPropertyNames(Base.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Base.prototype, key);
    if (key === "constructor" || !d || typeof d.value !== "function") continue;
    const fn = d.value;
    Object.defineProperty(Counted.prototype, key, {
      ...d,
      value: function (...args) {
        return als.run(stage, () => {
          const b = bucket();
          b.objectCalls[name + "." + key] = (b.objectCalls[name + "." + key] ?? 0) + 1;
          return fn.apply(this, args);
        });
      },
    });
  }
  return Counted;
}

const inner = real.default;
const handler = {
  async fetch(request, env, ctx) {
    patchEnv(env);
    const url = new URL(request.url);
    if (url.pathname === "__COUNTS__") {
      settleCursors();
      const body = JSON.stringify(counts);
      if (url.searchParams.has("reset")) counts = {};
      return new Response(body, { headers: { "content-type": "application/json" } });
    }
    if (typeof inner.fetch !== "function") return new Response("no fetch handler", { status: 404 });
    return als.run(STAGE, () => {
      invoked("fetch");
      return inner.fetch(request, env, ctx);
    });
  },
};
if (typeof inner.queue === "function")
  handler.queue = (batch, env, ctx) => {
    patchEnv(env);
    return als.run(STAGE, () => {
      invoked("queueBatches");
      invoked("queueMessages", batch.messages.length);
      return inner.queue(batch, env, ctx);
    });
  };
if (typeof inner.scheduled === "function")
  handler.scheduled = (controller, env, ctx) => {
    patchEnv(env);
    return als.run(STAGE, () => inner.scheduled(controller, env, ctx));
  };
export default handler;
`;

/** The names the bundle exports besides its default (esbuild's closing `export { … }`). */
function namedExports(bundle: string): string[] {
  const last = bundle.lastIndexOf("export {");
  const list = last < 0 ? "" : bundle.slice(last + "export {".length, bundle.indexOf("}", last));
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry && !entry.endsWith(" as default"))
    .map((entry) => entry.split(/\s+as\s+/).pop() ?? entry);
}

/** The same Worker with the counting shim as its entry and its bundle as a second module. */
export function withCountingShim(worker: BuiltWorker, stage: string): BuiltWorker {
  const bundleName = path.basename(worker.scriptPath);
  const names = namedExports(readFileSync(worker.scriptPath, "utf8"));
  const source =
    SHIM.replace("__BUNDLE__", bundleName)
      .replace("__STAGE__", JSON.stringify(stage))
      .replace("__COUNTS__", COUNTS_PATH) +
    names.map((name) => `export const ${name} = counted(real.${name}, ${JSON.stringify(name)});\n`).join("");
  const shimPath = path.join(path.dirname(worker.scriptPath), "bench-counting-shim.js");
  writeFileSync(shimPath, source);
  return { ...worker, scriptPath: shimPath, extraModules: [worker.scriptPath] };
}
