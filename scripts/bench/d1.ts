/**
 * What the bench reads back from D1: whether the pipeline has drained, whether every accepted
 * submission became exactly one case, and how long routing took. Read over HTTP through the
 * bench-d1 Worker (workers/d1-probe.ts says why not through Miniflare's binding proxy).
 */
import { performance } from "node:perf_hooks";
import { sleep } from "./stats.ts";

/** D1 takes at most 100 bound parameters per statement. */
const CHUNK = 90;

export interface D1Client {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export function d1Client(probeUrl: string): D1Client {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const res = await fetch(probeUrl, {
        method: "POST",
        body: JSON.stringify({ sql, params }),
        signal: AbortSignal.timeout(120_000),
      });
      const body: unknown = await res.json();
      if (!res.ok)
        throw new Error(`D1 probe ${res.status}: ${JSON.stringify(body).slice(0, 300)} for ${sql.slice(0, 120)}`);
      return body as T[];
    },
  };
}

export interface Backlog {
  cases: number;
  /** Cases the assignment Worker has not screened and routed yet. */
  submitted: number;
}

export async function backlog(db: D1Client): Promise<Backlog> {
  const [row] = await db.query<Backlog>(
    "SELECT COUNT(*) AS cases, COALESCE(SUM(status = 'submitted'), 0) AS submitted FROM cases",
  );
  return { cases: row?.cases ?? 0, submitted: row?.submitted ?? 0 };
}

/**
 * Waits until the work behind the load is done: at least `expectedCases` rows projected (the
 * outbox has drained) and none still waiting for routing. Phases wait for this before measuring,
 * so one phase's leftover pipeline work is not charged to the next. Returns the wait in ms, or -1
 * on timeout.
 */
export async function waitIdle(db: D1Client, expectedCases: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const b = await backlog(db);
    if (b.cases >= expectedCases && b.submitted === 0) return performance.now() - started;
    if (performance.now() - started > timeoutMs) return -1;
    await sleep(250);
  }
}

export interface ExactlyOnce {
  accepted: number;
  /** Accepted tracking numbers found in D1 (the unique index allows at most one row each). */
  found: number;
  /** Rows carrying this phase's tag: more than `accepted` means a case nobody got a receipt for. */
  taggedRows: number;
  ok: boolean;
}

/** Every accepted submission is exactly one case: each receipt's case exists, and there are no others. */
export async function exactlyOnce(db: D1Client, tag: string, trackingNos: readonly string[]): Promise<ExactlyOnce> {
  let found = 0;
  for (let i = 0; i < trackingNos.length; i += CHUNK) {
    const chunk = trackingNos.slice(i, i + CHUNK);
    const [row] = await db.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM cases WHERE tracking_no IN (${chunk.map(() => "?").join(",")})`,
      chunk,
    );
    found += row?.n ?? 0;
  }
  const [tagged] = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM cases WHERE instr(title, ?) > 0", [
    `（${tag}-`,
  ]);
  const taggedRows = tagged?.n ?? 0;
  const accepted = new Set(trackingNos).size;
  return {
    accepted,
    found,
    taggedRows,
    ok: accepted === trackingNos.length && found === accepted && taggedRows === accepted,
  };
}

/**
 * Submission → assignment as the case's durable object recorded it (assigned_at − submitted_at),
 * for every case of a phase: exact and free, but it ends when the object appended the assignment,
 * a little before the read model shows it (the watch below measures that).
 */
export async function routedInObject(db: D1Client, tag: string): Promise<number[]> {
  const rows = await db.query<{ s: string; a: string }>(
    "SELECT submitted_at AS s, assigned_at AS a FROM cases WHERE instr(title, ?) > 0 AND assigned_at IS NOT NULL",
    [`（${tag}-`],
  );
  return rows.map((r) => Date.parse(r.a) - Date.parse(r.s)).filter((ms) => Number.isFinite(ms));
}

/**
 * Submission → routed case visible in the public read model, for a sample of submissions: polls
 * D1's `cases` (what `GET /api/v1/cases/{trackingNo}` reads) every `intervalMs`, all pending cases
 * in one statement per 90, so the watch adds a few cheap queries per tick rather than one request
 * per case. Resolution: the poll interval.
 */
export class PipelineWatch {
  private pending = new Map<string, number>();
  private latencies: number[] = [];
  private other: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly db: D1Client,
    readonly intervalMs: number,
  ) {}

  track(trackingNo: string, sentAt: number): void {
    this.pending.set(trackingNo, sentAt);
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
  }

  /** Stops once every tracked case is routed (or timeoutMs passed); returns what it saw. */
  async finish(timeoutMs: number): Promise<{ latencies: number[]; unrouted: number; other: Record<string, number> }> {
    const deadline = performance.now() + timeoutMs;
    while (this.pending.size > 0 && performance.now() < deadline) await sleep(this.intervalMs);
    clearInterval(this.timer);
    return { latencies: this.latencies, unrouted: this.pending.size, other: this.other };
  }

  private async poll(): Promise<void> {
    if (this.polling || this.pending.size === 0) return; // a slow poll is never stacked
    this.polling = true;
    try {
      const keys = [...this.pending.keys()];
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK);
        const results = await this.db.query<{ t: string; status: string }>(
          `SELECT tracking_no AS t, status FROM cases WHERE tracking_no IN (${chunk.map(() => "?").join(",")}) AND status <> 'submitted'`,
          chunk,
        );
        const seenAt = performance.now();
        for (const row of results) {
          const sentAt = this.pending.get(row.t);
          if (sentAt === undefined) continue;
          this.pending.delete(row.t);
          if (row.status === "assigned") this.latencies.push(seenAt - sentAt);
          else this.other[row.status] = (this.other[row.status] ?? 0) + 1;
        }
      }
    } finally {
      this.polling = false;
    }
  }
}
