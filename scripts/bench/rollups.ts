/**
 * `npm run bench:rollups`: does counting one event stay flat as history grows, and does the monthly
 * report come from the rollups in well under a second? Builds a fresh local D1 (workerd's SQLite
 * through wrangler's getPlatformProxy), applies the migrations, and for 10 k and 1 M cases fills
 * `rollup_applied` with 5 counted events per case and `rollup_counts` with a year of cells (and
 * their per-unit sums), then
 * times (median of many runs) the live consumer's `applyIncrement` for new events and the report's
 * data: both rankings (departments and counties) and the 12-month trend.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { monthlyRanking, monthlyTotals } from "../../shared/db/evaluation-queries";
import { applyIncrement, rebuildUnitSums } from "../../shared/db/rollup-queries";
import { freshLocalD1 } from "./local-d1.ts";

const root = path.resolve(import.meta.dirname, "../..");
const SIZES = (process.env.ROLLUP_SIZES ?? "10000,1000000").split(",").map(Number);
const EVENTS_PER_CASE = 5;
const RUNS = 101;
const PERIOD = "2026-10";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? Number.NaN;

const { db, dispose } = await freshLocalD1();
try {
  const rows: {
    cases: number;
    appliedEvents: number;
    cells: number;
    eventMedianMs: number;
    eventP90Ms: number;
    reportMedianMs: number;
    reportP90Ms: number;
    departments: number;
  }[] = [];
  let filledEvents = 0;
  let filledCells = 0;
  let serial = 0;
  for (const cases of SIZES) {
    const started = performance.now();
    const events = cases * EVENTS_PER_CASE;
    for (let from = filledEvents; from < events; from += 200_000) {
      const to = Math.min(events, from + 200_000);
      await db
        .prepare(`WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to})
        INSERT INTO rollup_applied (event_id, case_id) SELECT printf('EV%010d', i), printf('CASE%08d', i / ${EVENTS_PER_CASE}) FROM n`)
        .run();
    }
    // A year of cells: 12 months × 21 counters × 40 departments × 7 regions × as many categories as the history fills.
    const cells = Math.min(Math.round(cases * 0.7), 12 * 21 * 40 * 7 * 20);
    for (let from = filledCells; from < cells; from += 200_000) {
      const to = Math.min(cells, from + 200_000);
      await db
        .prepare(`WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to})
        INSERT OR IGNORE INTO rollup_counts (period, department_id, region_code, category, counter, n)
        SELECT (json_array('2025-11','2025-12','2026-01','2026-02','2026-03','2026-04','2026-05','2026-06','2026-07','2026-08','2026-09','2026-10') ->> (i % 12)),
               printf('dept-%02d', (i / 252) % 40), printf('6208%02d', (i / 10080) % 7), printf('cat-%02d', i / 70560),
               (json_array('received','assigned','acknowledgedOnTime','acknowledgedLate','replied','repliedOnTime','replyOverdue','returned','extended','redone','rated','solved','partlySolved','satisfied','basicallySatisfied','dissatisfied','closed','unrated','urged','supervised','noticed') ->> ((i / 12) % 21)),
               1 + abs(random() % 30)
        FROM n`)
        .run();
    }
    await rebuildUnitSums(db); // the per-unit sums the live path keeps beside the cells
    filledEvents = events;
    filledCells = cells;
    console.error(
      `filled ${cases.toLocaleString("en")} cases (${events.toLocaleString("en")} counted events, ${cells.toLocaleString("en")} cells) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const eventTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const inc = {
        period: PERIOD,
        departmentId: `dept-${String(i % 40).padStart(2, "0")}`,
        regionCode: "620802",
        category: "cat-00",
        counters: { replied: 1, repliedOnTime: 1 },
      };
      const t0 = performance.now();
      await applyIncrement(db, `NEW${cases}-${serial++}`, "CASE-NEW", inc);
      eventTimes.push(performance.now() - t0);
    }
    const reportTimes: number[] = [];
    let departments = 0;
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const [byDept] = await Promise.all([
        monthlyRanking(db, PERIOD, "department"),
        monthlyRanking(db, PERIOD, "county"),
        monthlyTotals(db, "2025-11", PERIOD),
      ]);
      reportTimes.push(performance.now() - t0);
      departments = byDept.units.length;
    }
    rows.push({
      cases,
      appliedEvents: events,
      cells,
      eventMedianMs: median(eventTimes),
      eventP90Ms: p90(eventTimes),
      reportMedianMs: median(reportTimes),
      reportP90Ms: p90(reportTimes),
      departments,
    });
  }
  const table = [
    "| cases | counted events | rollup cells | one event's rollup, median ms | p90 ms | monthly report data, median ms | p90 ms |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.cases.toLocaleString("en")} | ${r.appliedEvents.toLocaleString("en")} | ${r.cells.toLocaleString("en")} | ${r.eventMedianMs.toFixed(2)} | ${r.eventP90Ms.toFixed(2)} | ${r.reportMedianMs.toFixed(1)} | ${r.reportP90Ms.toFixed(1)} |`,
    ),
  ].join("\n");
  console.log(table);
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(
    path.join(root, "bench/results/rollups.json"),
    JSON.stringify({ when: new Date().toISOString(), cpu: os.cpus()[0]?.model, rows }, null, 2),
  );
} finally {
  await dispose();
}
