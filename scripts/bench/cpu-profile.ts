/**
 * CPU profiles of every isolate in the bench's workerd, through its inspector (Miniflare's
 * `inspectorPort`; workerd lists one target per isolate at /json/list), and their attribution to
 * the pipeline's stages.
 *
 * Method: the platform's isolates and Miniflare's D1 and queue isolates are sampled (V8's sampling
 * profiler, 1 ms) while N cases go through. A sample counts for a stage when it is running
 * JavaScript (a frame with a script URL, or a native function called from one, such as SQLite's
 * `exec`); samples V8 marks `(program)` or `(idle)` are left out: workerd's isolates share one
 * thread, and an isolate that is not running is not using the CPU. Within intake's isolate, which
 * also hosts the case object, a sample belongs to the object when any frame of its stack lies in
 * workers/intake/src/case-record/ (the object's RPC methods, its alarm and the outbox they call;
 * a continuation after an `await` starts at the resumed function, which for the object's code is
 * in that folder too); the rest is intake's request handling. Likewise in assignment's isolate,
 * frames in workers/assignment/src/near-duplicates/ are the per-region near-duplicate index, a
 * durable object (its stub call's native side stays with assignment). In any isolate, self time in
 * shared/case-record/client.ts (the typed client: a few lines around each stub call) is the stub
 * call's native side — serialising, and for a new object creating it and opening its SQLite file,
 * which here runs under the caller's frame — and counts for the object: on Cloudflare it is not
 * the caller's CPU. Garbage collection, and the runtime's built-in JavaScript resumed on its own
 * (decoding a D1 answer after an `await`), show no frame of ours: they are shared among the
 * isolate's stages in proportion to their own samples. Which source file a frame is in comes from
 * the `// path` comments esbuild writes before each module in the (unminified) bundle. Miniflare's
 * D1 emulator and queue broker are reported beside the stages, as the part of "runtime" that is
 * still JavaScript.
 */
import { readFileSync } from "node:fs";
import { sleep } from "./stats.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One open DevTools protocol session with one isolate. */
class InspectorSession {
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly target: string,
    private readonly socket: WebSocket,
  ) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const pending = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!pending || message.id === undefined) return;
      this.waiting.delete(message.id);
      if (message.error) pending.reject(new Error(`${this.target}: ${message.error.message}`));
      else pending.resolve(message.result);
    });
  }

  static open(target: string, url: string): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.addEventListener("open", () => resolve(new InspectorSession(target, socket)));
      socket.addEventListener("error", () => reject(new Error(`inspector ${url} refused the connection`)));
    });
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: (v) => resolve(v as T), reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** The sampling interval (µs). */
const INTERVAL_US = 1000;

/**
 * Profiles the isolates workerd lists whose id `wanted` accepts; `stop` returns each one's profile
 * by target id. Each profiled isolate gets a sampler thread of its own in workerd's process, which
 * is why the CPU total is taken from a run without profiles.
 */
export async function startProfiles(
  inspectorPort: number,
  wanted: (target: string) => boolean,
): Promise<{ stop: () => Promise<Map<string, CpuProfile>> }> {
  const res = await fetch(`http://127.0.0.1:${inspectorPort}/json/list`);
  const targets = ((await res.json()) as { id: string; webSocketDebuggerUrl: string }[]).filter((t) => wanted(t.id));
  const sessions = await Promise.all(targets.map((t) => InspectorSession.open(t.id, t.webSocketDebuggerUrl)));
  for (const s of sessions) {
    await s.send("Profiler.enable");
    await s.send("Profiler.setSamplingInterval", { interval: INTERVAL_US });
    await s.send("Profiler.start");
  }
  return {
    async stop() {
      const profiles = new Map<string, CpuProfile>();
      for (const s of sessions) {
        const { profile } = await s.send<{ profile: CpuProfile }>("Profiler.stop");
        profiles.set(s.target, profile);
        s.close();
      }
      await sleep(50);
      return profiles;
    },
  };
}

/** Maps a bundle's line numbers to the source file esbuild put there (from its `// path` comments). */
export class BundleSources {
  private starts: { line: number; source: string }[] = [];

  constructor(
    readonly scriptPath: string,
    readonly fileName = scriptPath.split("/").pop() ?? "",
  ) {
    const lines = readFileSync(scriptPath, "utf8").split("\n");
    lines.forEach((text, line) => {
      const m = /^\/\/ (\S+\.(?:ts|tsx|js|mjs|cjs))$/.exec(text);
      if (m?.[1]) this.starts.push({ line, source: m[1].replace(/^(\.\.\/)+(main\/)?/, "") });
    });
  }

  /** The source of a frame (lineNumber 0-based, as the profiler gives it), or null when not this bundle. */
  sourceOf(frame: CallFrame): string | null {
    if (!frame.url.endsWith(this.fileName)) return null;
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = "(bundle)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.starts[mid];
      if (!start) break;
      if (start.line <= frame.lineNumber) {
        found = start.source;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

export interface StageTime {
  /** Milliseconds of JavaScript sampled, garbage collection shared in. */
  ms: number;
  /** Self time by function, for the top-N list. */
  self: Map<string, number>;
}

/** Samples no stage can claim: garbage collection, and the runtime's own JavaScript resumed alone. */
const SHARED = "(shared)";

/**
 * Sums one isolate's samples into stages. `stageOf` gets the sources of a sample's frames (root
 * first) and names its stage. Samples without a frame in the bundle — garbage collection, and the
 * runtime's built-in JavaScript (`cloudflare-internal:d1-api` decoding a D1 answer, …) resumed
 * after an `await`, whose stack no longer shows who called it — are shared among the isolate's
 * stages in proportion to their own samples. Returns ms per stage.
 */
export function attribute(
  profile: CpuProfile,
  sources: BundleSources | null,
  stageOf: (frameSources: readonly string[]) => string,
): Map<string, StageTime> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageCache = new Map<number, string | null>();
  const stageOfNode = (id: number): string | null => {
    const cached = stageCache.get(id);
    if (cached !== undefined) return cached;
    const frames: string[] = [];
    let isJs = false;
    let inBundle = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) continue;
      if (frame.url) isJs = true;
      const source = sources?.sourceOf(frame) ?? null;
      if (source !== null) inBundle = true;
      frames.unshift(source ?? frame.url);
    }
    const stage = !isJs ? null : sources && !inBundle ? SHARED : stageOf(frames);
    stageCache.set(id, stage);
    return stage;
  };
  const stages = new Map<string, StageTime>();
  const shared: StageTime = { ms: 0, self: new Map<string, number>() };
  profile.samples.forEach((id, i) => {
    // An isolate is sampled only while it runs: the first sample after a pause has a long delta
    // that is not its time. Each sample stands for at most one interval.
    const ms = Math.min(profile.timeDeltas[i] ?? 0, INTERVAL_US) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const gc = node.callFrame.functionName === "(garbage collector)";
    const stage = gc ? SHARED : stageOfNode(id);
    if (stage === null) return;
    const entry = stage === SHARED ? shared : (stages.get(stage) ?? { ms: 0, self: new Map<string, number>() });
    entry.ms += ms;
    const f = node.callFrame;
    const where = f.url ? (sources?.sourceOf(f) ?? f.url.split("/").pop()) : "native";
    const key = `${f.functionName || "(anonymous)"} ${where}`;
    entry.self.set(key, (entry.self.get(key) ?? 0) + ms);
    if (stage !== SHARED) stages.set(stage, entry);
  });
  const ownMs = [...stages.values()].reduce((a, s) => a + s.ms, 0);
  for (const s of stages.values()) {
    const share = ownMs > 0 ? s.ms / ownMs : 0;
    s.ms += shared.ms * share;
    for (const [fn, ms] of shared.self) s.self.set(fn, (s.self.get(fn) ?? 0) + ms * share);
  }
  return stages;
}

/** The n functions with the most self time, as "12.3 ms  name source:line". */
export function topSelf(self: Map<string, number>, n: number, perCase: number): { fn: string; msPerCase: number }[] {
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ fn, msPerCase: Number((ms / perCase).toFixed(3)) }));
}
