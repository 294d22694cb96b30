import { chunk } from "../../../shared/db/chunk";
import { readStoredEvent } from "../../../shared/domain/event-upcast";
import type { StoredEvent } from "../../../shared/domain/events";
import { COUNTERS } from "../../../shared/scoring/counters";
import { caseIncrements, type RollupIncrement } from "../../../shared/scoring/rollup-increments";

const COUNTER_SET = new Set<string>(COUNTERS);

/**
 * Adds one event's increment, once: every counter row is written only if the event id is not yet
 * in `rollup_applied`, and the id is recorded in the same batch (a D1 batch is one transaction).
 * Each counter goes to its cell and to the three unit sums (department, county, city) the reports
 * read. Increments are sums, so order never matters; a redelivered event finds its id and adds
 * nothing. Cost: a primary-key lookup and four upserts per counter, whatever the number of cases.
 */
export async function applyIncrement(
  db: D1Database,
  eventId: string,
  caseId: string,
  inc: RollupIncrement,
): Promise<void> {
  const cell = db.prepare(
    `INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM rollup_applied WHERE event_id = ?7)
     ON CONFLICT (period, department_id, region_code, category, counter) DO UPDATE SET n = n + excluded.n`,
  );
  const units = db.prepare(
    `INSERT INTO rollup_units (period, kind, unit_id, counter, n)
     SELECT * FROM (VALUES (?1, 'department', ?2, ?4, ?5), (?1, 'county', ?3, ?4, ?5), (?1, 'city', '', ?4, ?5))
     WHERE NOT EXISTS (SELECT 1 FROM rollup_applied WHERE event_id = ?6)
     ON CONFLICT (period, kind, unit_id, counter) DO UPDATE SET n = n + excluded.n`,
  );
  const statements = Object.entries(inc.counters)
    .filter(([counter, n]) => COUNTER_SET.has(counter) && n)
    .flatMap(([counter, n]) => [
      cell.bind(inc.period, inc.departmentId, inc.regionCode, inc.category, counter, n, eventId),
      units.bind(inc.period, inc.departmentId, inc.regionCode, counter, n, eventId),
    ]);
  await db.batch([
    ...statements,
    db.prepare("INSERT OR IGNORE INTO rollup_applied (event_id, case_id) VALUES (?, ?)").bind(eventId, caseId),
  ]);
}

/** Recomputes the unit sums from the cells (the rebuild, and tests that write cells directly). */
export function unitSumStatements(db: D1Database): D1PreparedStatement[] {
  const sum = (kind: string, column: string) =>
    db.prepare(
      `INSERT INTO rollup_units (period, kind, unit_id, counter, n) SELECT period, '${kind}', ${column}, counter, SUM(n) FROM rollup_counts GROUP BY period, ${column}, counter`,
    );
  return [
    db.prepare("DELETE FROM rollup_units"),
    sum("department", "department_id"),
    sum("county", "region_code"),
    sum("city", "''"),
  ];
}

type Cell = string; // period \u0001 department \u0001 region \u0001 category \u0001 counter
const SEP = "\u0001";

export interface RebuildResult {
  cases: number;
  events: number;
  /** Counter cells whose rebuilt value differs from the live table (0 means the incremental path was right). */
  differences: { cell: string[]; live: number; rebuilt: number }[];
  written: boolean;
}

interface EventRow {
  event_id: string;
  case_id: string;
  seq: number;
  type: string;
  actor_role: string;
  at: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/**
 * Recomputes every rollup from the event log in D1 (`case_events`), case by case through the same
 * fold the durable object uses, and compares it with the live table. With `write`, replaces the
 * table in one batch and records every counted event id, so later redeliveries still count once.
 * Run it while the queue is quiet: events counted live during the rebuild may be missed by it.
 */
export async function rebuildRollups(
  db: D1Database,
  options: { write: boolean; casesPerPage?: number },
): Promise<RebuildResult> {
  const perPage = options.casesPerPage ?? 500;
  const rebuilt = new Map<Cell, number>();
  const applied: [string, string][] = [];
  let after = "";
  let cases = 0;
  let events = 0;
  for (;;) {
    const page = await db
      .prepare("SELECT DISTINCT case_id FROM case_events WHERE case_id > ? ORDER BY case_id LIMIT ?")
      .bind(after, perPage)
      .all<{ case_id: string }>();
    const last = page.results.at(-1)?.case_id;
    if (!last) break;
    const rows = await db
      .prepare("SELECT * FROM case_events WHERE case_id > ? AND case_id <= ? ORDER BY case_id, seq")
      .bind(after, last)
      .all<EventRow>();
    const byCase = new Map<string, EventRow[]>();
    for (const r of rows.results) {
      const log = byCase.get(r.case_id);
      if (log) log.push(r);
      else byCase.set(r.case_id, [r]);
    }
    for (const [caseId, log] of byCase) {
      cases += 1;
      events += log.length;
      for (const { eventId, increment } of caseIncrements(log.map(toStoredEvent))) {
        if (!increment) continue;
        applied.push([eventId, caseId]);
        for (const [counter, n] of Object.entries(increment.counters)) {
          const cell = [
            increment.period,
            increment.departmentId,
            increment.regionCode,
            increment.category,
            counter,
          ].join(SEP);
          rebuilt.set(cell, (rebuilt.get(cell) ?? 0) + (n ?? 0));
        }
      }
    }
    after = last;
  }

  // The unit sums are the cells summed per department, county and city: compare those too.
  const rebuiltUnits = new Map<Cell, number>();
  for (const [cell, n] of rebuilt) {
    const [period, department, region, , counter] = cell.split(SEP);
    for (const unit of [
      ["department", department],
      ["county", region],
      ["city", ""],
    ]) {
      const key = ["units", period, ...unit, counter].join(SEP);
      rebuiltUnits.set(key, (rebuiltUnits.get(key) ?? 0) + n);
    }
  }
  const live = new Map<Cell, number>();
  const liveUnits = await db
    .prepare("SELECT period, kind, unit_id, counter, n FROM rollup_units")
    .all<{ period: string; kind: string; unit_id: string; counter: string; n: number }>();
  for (const r of liveUnits.results) live.set(["units", r.period, r.kind, r.unit_id, r.counter].join(SEP), r.n);
  for (const [key, n] of rebuiltUnits) rebuilt.set(key, n);
  const liveRows = await db
    .prepare("SELECT period, department_id, region_code, category, counter, n FROM rollup_counts")
    .all<{
      period: string;
      department_id: string;
      region_code: string;
      category: string;
      counter: string;
      n: number;
    }>();
  for (const r of liveRows.results)
    live.set([r.period, r.department_id, r.region_code, r.category, r.counter].join(SEP), r.n);
  const differences = [...new Set([...live.keys(), ...rebuilt.keys()])]
    .filter((cell) => (live.get(cell) ?? 0) !== (rebuilt.get(cell) ?? 0))
    .sort()
    .map((cell) => ({ cell: cell.split(SEP), live: live.get(cell) ?? 0, rebuilt: rebuilt.get(cell) ?? 0 }));

  if (options.write) {
    const insertCells = chunk(
      [...rebuilt].filter(([cell]) => !cell.startsWith(`units${SEP}`)),
      16,
    ).map((rows) =>
      db
        .prepare(
          `INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}`,
        )
        .bind(...rows.flatMap(([cell, n]) => [...cell.split(SEP), n])),
    );
    const insertApplied = chunk(applied, 50).map((rows) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO rollup_applied (event_id, case_id) VALUES ${rows.map(() => "(?, ?)").join(", ")}`,
        )
        .bind(...rows.flat()),
    );
    await db.batch([
      db.prepare("DELETE FROM rollup_counts"),
      ...insertCells,
      ...unitSumStatements(db),
      ...insertApplied,
    ]);
  }
  return { cases, events, differences, written: options.write };
}

/** A row read back through the one parse every stored event takes: upcast, then the union. */
function toStoredEvent(r: EventRow): StoredEvent {
  return readStoredEvent({
    seq: r.seq,
    id: r.event_id,
    caseId: r.case_id,
    type: r.type,
    actor: { role: r.actor_role },
    at: r.at,
    payload: JSON.parse(r.payload),
    prevHash: r.prev_hash,
    hash: r.hash,
  });
}
