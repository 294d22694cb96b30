import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../shared/db/case-queries";
import { highlightsQuery, noticesQuery } from "../src/reports/report-queries";

/** The report reads rollups and two small queries; none of them may walk a table that grows with the cases. */
async function plan(sql: string, ...args: unknown[]): Promise<string[]> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...args)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

describe("the monthly report's query plans", () => {
  it("counts the month's 通报 by probing accountability_department once per department", async () => {
    const query = noticesQuery(getDb(env.DB), "a", "b").toSQL();
    const steps = await plan(query.sql, ...query.params);
    expect(steps.filter((s) => s.includes("accountability"))).toEqual([
      "SEARCH a USING COVERING INDEX accountability_department (department_id=? AND recorded_at>? AND recorded_at<?)",
      "SEARCH accountability_records USING COVERING INDEX accountability_department (department_id=? AND recorded_at>? AND recorded_at<?)",
    ]);
  });

  it("finds the best and worst replies through case_events (type, at), newest first, without sorting", async () => {
    for (const kind of ["best", "worst"] as const) {
      const query = highlightsQuery(getDb(env.DB), kind, "a", "b", 5).toSQL();
      expect(await plan(query.sql, ...query.params)).toEqual([
        "SEARCH e USING INDEX case_events_type_at (type=? AND at>? AND at<?)",
        "SEARCH c USING INDEX sqlite_autoindex_cases_1 (case_id=?)",
        "SEARCH d USING INDEX sqlite_autoindex_departments_1 (id=?) LEFT-JOIN",
      ]);
    }
  });

  it("reads the rollups by their primary key's period prefix", async () => {
    const queries = [
      "SELECT MAX(period) AS p FROM rollup_counts",
      "SELECT MIN(period) AS p FROM rollup_counts WHERE period > '2026-03'",
    ];
    for (const sql of queries) {
      const steps = await plan(sql);
      expect(steps[0]).toMatch(/^SEARCH rollup_counts USING (COVERING )?INDEX sqlite_autoindex_rollup_counts_1/);
      expect(steps.some((s) => s.startsWith("SCAN"))).toBe(false);
    }
    // Rankings and trends read the per-unit sums: a few hundred rows a month, whatever the history.
    for (const sql of [
      "SELECT unit_id, counter, n FROM rollup_units WHERE period = '2026-03' AND kind = 'department' AND unit_id <> ''",
      "SELECT period, counter, n FROM rollup_units WHERE kind = 'city' AND unit_id = '' AND period BETWEEN '2025-04' AND '2026-03' ORDER BY period",
    ]) {
      const steps = await plan(sql);
      expect(steps[0]).toMatch(/^SEARCH rollup_units USING (COVERING )?INDEX sqlite_autoindex_rollup_units_1/);
      expect(steps.some((s) => s.startsWith("SCAN"))).toBe(false);
    }
  });
});
