/**
 * `npm run bench:sweep`: does one deadline sweep's query stay flat as open cases grow?
 * Builds a fresh local D1 (workerd's SQLite, reached through wrangler's getPlatformProxy), applies
 * the migrations, fills it with 10 k, 100 k and 1 M open cases of which a fixed 1,000 are due, and
 * times the sweep's own first-page query (`dueCasesQuery(...).toSQL()`), median of many runs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getDb } from "../../shared/db/case-queries";
import { dueCasesQuery } from "../../workers/deadline/src/deadline-queries";
import { freshLocalD1 } from "./local-d1.ts";

const root = path.resolve(import.meta.dirname, "../..");
const SIZES = (process.env.SWEEP_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const DUE = 1000;
const RUNS = 41;
const NOW = "2026-11-26T01:00:00.000Z";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const { db, dispose } = await freshLocalD1();
try {
  const { sql, params } = dueCasesQuery(getDb(db), NOW, null).toSQL();
  const query = db.prepare(sql).bind(...params);
  const plan = (
    await db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all()
  ).results
    .map((r) => String(r.detail))
    .join(" | ");

  const timeIt = async (stmt: D1PreparedStatement) => {
    await stmt.all(); // warm
    const times: number[] = [];
    let rowsSeen = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      rowsSeen = (await stmt.all()).results.length;
      times.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { rowsSeen, medianMs: median(times), p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? Number.NaN };
  };
  // What any query costs through the proxy: the floor under every figure below.
  const floor = await timeIt(db.prepare("SELECT 1"));
  const rows: { openCases: number; dueCases: number; pageRows: number; medianMs: number; p90Ms: number }[] = [];
  let filled = 0;
  for (const size of SIZES) {
    const started = performance.now();
    for (let from = filled; from < size; from += 100_000) {
      const to = Math.min(size, from + 100_000);
      // Cases [0, DUE) are due an hour before NOW; every other one next month.
      await db
        .prepare(`WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${to})
        INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, petitioner_phone,
          query_code_hash, receipt_hash, submitted_at, next_due_at, due_at, last_seq, updated_at)
        SELECT printf('BENCH%08d', i), printf('T%011d', i), 'complaint', 'assigned', '标题', '内容', '620802', 'api', 1, '13900000000',
          'q', 'r', '2026-11-01T00:00:00.000Z',
          CASE WHEN i < ${DUE} THEN '2026-11-26T00:00:00.000Z' ELSE '2026-12-26T00:00:00.000Z' END,
          '2026-12-26T00:00:00.000Z', 3, '2026-11-01T00:00:00.000Z'
        FROM n`)
        .run();
    }
    filled = size;
    console.error(
      `filled ${size.toLocaleString("en")} open cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const t = await timeIt(query);
    rows.push({ openCases: size, dueCases: DUE, pageRows: t.rowsSeen, medianMs: t.medianMs, p90Ms: t.p90Ms });
  }
  const table = [
    "| open cases | due cases | rows in first page | sweep page query, median ms | p90 ms |",
    "|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.openCases.toLocaleString("en")} | ${r.dueCases} | ${r.pageRows} | ${r.medianMs.toFixed(2)} | ${r.p90Ms.toFixed(2)} |`,
    ),
  ].join("\n");
  console.log(
    `${table}\n\nfloor (SELECT 1 through the same proxy): median ${floor.medianMs.toFixed(2)} ms, p90 ${floor.p90Ms.toFixed(2)} ms\nquery plan: ${plan}`,
  );
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(
    path.join(root, "bench/results/sweep.json"),
    JSON.stringify({ when: new Date().toISOString(), cpu: os.cpus()[0]?.model, floor, plan, rows }, null, 2),
  );
} finally {
  await dispose();
}
