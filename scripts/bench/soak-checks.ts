/**
 * What the soak reads back once the pipeline has drained. Every query covers the whole database:
 * the soak's platform is fresh, so every case in it is one of the soak's submissions.
 */
import { performance } from "node:perf_hooks";
import { type RoutingRule, routeMessage } from "../../shared/routing/route.ts";
import type { D1Client } from "./d1.ts";
import { sleep } from "./stats.ts";

export interface RoutingCheck {
  byStatus: Record<string, number>;
  unrouted: number;
  misrouted: number;
}

/**
 * Each case against the decision the assignment Worker's routing makes from the same configuration
 * (shared/routing/route.ts over the active 派单目录 and mailboxes, as loadIntakeConfig reads them):
 * a department's case is assigned to that department, a dispatcher's case waits accepted with none.
 * Without a category the classifier decided, which is not replayed here: either outcome counts.
 */
export async function routingCheck(db: D1Client): Promise<RoutingCheck> {
  const active = "JOIN departments d ON d.id = x.department_id AND d.deactivated_at IS NULL";
  const rules = await db.query<RoutingRule>(
    `SELECT x.category, x.region_code AS regionCode, x.department_id AS departmentId FROM routing_rules x ${active}`,
  );
  const boxes = await db.query<{ code: string; departmentId: string }>(
    `SELECT x.code, x.department_id AS departmentId FROM addressees x ${active} WHERE x.deactivated_at IS NULL`,
  );
  const mailboxes = new Map(boxes.map((b) => [b.code, b.departmentId]));
  const rows = await db.query<{
    status: string;
    category: string | null;
    regionCode: string;
    departmentId: string | null;
    addressee: string | null;
  }>("SELECT status, category, region_code AS regionCode, department_id AS departmentId, addressee FROM cases");
  const byStatus: Record<string, number> = {};
  let unrouted = 0;
  let misrouted = 0;
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    if (row.status === "submitted") {
      unrouted++;
      continue;
    }
    const routed = row.status === "assigned" || row.status === "accepted";
    if (row.category === null) {
      if (!routed) misrouted++;
      continue;
    }
    const decision = routeMessage({ ...row, title: "", body: "" }, { mailboxes, rules });
    const where =
      decision.kind === "dispatcher"
        ? row.status === "accepted" && row.departmentId === null
        : row.status === "assigned" && row.departmentId === decision.departmentId;
    if (!where) misrouted++;
  }
  return { byStatus, unrouted, misrouted };
}

/**
 * Submissions that became more than one case. Each submission's title carries its own number
 * (requests.ts), so two rows with one title are one submission counted twice.
 */
export async function duplicateCases(db: D1Client): Promise<number> {
  const [row] = await db.query<{ extra: number }>(
    "SELECT COALESCE(SUM(n - 1), 0) AS extra FROM (SELECT COUNT(*) AS n FROM cases GROUP BY title HAVING COUNT(*) > 1)",
  );
  return row?.extra ?? 0;
}

export interface RollupTotals {
  received: number;
  expectedReceived: number;
  assigned: number;
  expectedAssigned: number;
}

/** The city's totals over every month (a soak may cross one) against the events that feed them. */
export async function rollupTotals(db: D1Client): Promise<RollupTotals> {
  const counted = await db.query<{ counter: string; n: number }>(
    "SELECT counter, SUM(n) AS n FROM rollup_units WHERE kind = 'city' AND counter IN ('received', 'assigned') GROUP BY counter",
  );
  const events = await db.query<{ type: string; n: number }>(
    "SELECT type, COUNT(*) AS n FROM case_events WHERE type IN ('case.accepted', 'case.assigned') GROUP BY type",
  );
  const get = <T extends { n: number }>(rows: T[], pick: (r: T) => boolean) => rows.find(pick)?.n ?? 0;
  return {
    received: get(counted, (r) => r.counter === "received"),
    expectedReceived: get(events, (r) => r.type === "case.accepted"),
    assigned: get(counted, (r) => r.counter === "assigned"),
    expectedAssigned: get(events, (r) => r.type === "case.assigned"),
  };
}

/**
 * The rollups trail the drain (the evaluation Worker's queue batches events): waits until the
 * totals match, or stop moving for `quietMs`, or `timeoutMs` passes. Returns the last totals.
 */
export async function settledRollups(db: D1Client, timeoutMs: number, quietMs = 15_000): Promise<RollupTotals> {
  const started = performance.now();
  let last = await rollupTotals(db);
  let movedAt = performance.now();
  for (;;) {
    const matched = last.received === last.expectedReceived && last.assigned === last.expectedAssigned;
    const now = performance.now();
    if (matched || now - movedAt > quietMs || now - started > timeoutMs) return last;
    await sleep(500);
    const next = await rollupTotals(db);
    if (JSON.stringify(next) !== JSON.stringify(last)) movedAt = performance.now();
    last = next;
  }
}

export interface ChainCheck {
  checked: number;
  invalid: number;
  /** The D1 copy of the log (count or head hash) differs from the object's. */
  projectionBehind: number;
  /** Tracking numbers of the first few failures, for a look by hand. */
  examples: string[];
}

/**
 * Every case's chain through the public verify endpoint (the object walks its own log and checks
 * that it starts at the receipt hash), and the object's head against D1's copy of the log.
 */
export async function chainCheck(intakeUrl: string, db: D1Client, concurrency = 4): Promise<ChainCheck> {
  const rows = await db.query<{ t: string; n: number; head: string | null }>(
    `SELECT c.tracking_no AS t, COUNT(e.event_id) AS n,
       (SELECT hash FROM case_events h WHERE h.case_id = c.case_id ORDER BY seq DESC LIMIT 1) AS head
     FROM cases c LEFT JOIN case_events e ON e.case_id = c.case_id GROUP BY c.case_id`,
  );
  const result: ChainCheck = { checked: 0, invalid: 0, projectionBehind: 0, examples: [] };
  const note = (t: string) => result.examples.length < 5 && result.examples.push(t);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i];
      if (!row) continue;
      const res = await fetch(`${intakeUrl}/api/v1/cases/${row.t}/verify`, { signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as { valid?: unknown; events?: unknown; headHash?: unknown };
      result.checked++;
      if (res.status !== 200 || body.valid !== true) {
        result.invalid++;
        note(row.t);
      } else if (body.events !== row.n || body.headHash !== row.head) {
        result.projectionBehind++;
        note(row.t);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}
