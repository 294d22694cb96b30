import { type CaseEventRecord, storedEventOf } from "../../../shared/db/case-queries";
import { caseEventsBetween, caseIdsAfter, liveRollups, replaceRollups } from "../../../shared/db/rollup-queries";
import { caseIncrements } from "../../../shared/scoring/rollup-increments";

type Cell = string; // period \u0001 department \u0001 region \u0001 category \u0001 counter
const SEP = "\u0001";

export interface RebuildResult {
  cases: number;
  events: number;
  /** Counter cells whose rebuilt value differs from the live table (0 means the incremental path was right). */
  differences: { cell: string[]; live: number; rebuilt: number }[];
  written: boolean;
}

/**
 * Recomputes every rollup from the event log in D1 (`case_events`), case by case through the same
 * fold the durable object uses, and compares it with the live table. With `write`, replaces the
 * table in one batch and records every counted event id, so later redeliveries still count once.
 * Run it while the queue is quiet: events counted live during the rebuild may be missed by it.
 */
export async function rebuildRollups(
  db: D1Database,
  options: {
    write: boolean;
    casesPerPage?: number;
    /** Called after each page of cases with the totals read so far. */
    onProgress?: (read: { cases: number; events: number }) => void;
  },
): Promise<RebuildResult> {
  const perPage = options.casesPerPage ?? 500;
  const rebuilt = new Map<Cell, number>();
  const applied: { eventId: string; caseId: string }[] = [];
  let after = "";
  let cases = 0;
  let events = 0;
  for (;;) {
    const last = (await caseIdsAfter(db, after, perPage)).at(-1);
    if (!last) break;
    const byCase = new Map<string, CaseEventRecord[]>();
    for (const r of await caseEventsBetween(db, after, last)) {
      const log = byCase.get(r.caseId);
      if (log) log.push(r);
      else byCase.set(r.caseId, [r]);
    }
    for (const [caseId, log] of byCase) {
      cases += 1;
      events += log.length;
      for (const { eventId, increment } of caseIncrements(log.map(storedEventOf))) {
        if (!increment) continue;
        applied.push({ eventId, caseId });
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
    options.onProgress?.({ cases, events });
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
  const { cells: liveCells, units: liveUnits } = await liveRollups(db);
  for (const r of liveUnits) live.set(["units", r.period, r.kind, r.unitId, r.counter].join(SEP), r.n);
  for (const [key, n] of rebuiltUnits) rebuilt.set(key, n);
  for (const r of liveCells) live.set([r.period, r.departmentId, r.regionCode, r.category, r.counter].join(SEP), r.n);
  const differences = [...new Set([...live.keys(), ...rebuilt.keys()])]
    .filter((cell) => (live.get(cell) ?? 0) !== (rebuilt.get(cell) ?? 0))
    .sort()
    .map((cell) => ({ cell: cell.split(SEP), live: live.get(cell) ?? 0, rebuilt: rebuilt.get(cell) ?? 0 }));

  if (options.write) {
    const cells = [...rebuilt]
      .filter(([cell]) => !cell.startsWith(`units${SEP}`))
      .map(([cell, n]) => {
        const [period = "", departmentId = "", regionCode = "", category = "", counter = ""] = cell.split(SEP);
        return { period, departmentId, regionCode, category, counter, n };
      });
    await replaceRollups(db, cells, applied);
  }
  return { cases, events, differences, written: options.write };
}
