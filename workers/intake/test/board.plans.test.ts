import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type BoardFilters, boardQuery, freshTitlesQuery, nonPublicCountQuery } from "../src/board-queries";
import { departmentRepliesQuery, latestRepliesQuery } from "../src/public-queries";

/**
 * The portal's reads must not walk a table that grows with the cases. Where the best index is not
 * there yet the test names it, and the plan it accepts meanwhile (see the report on issue 6).
 */
async function plan(built: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const query = built.toSQL();
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

async function hasIndex(name: string): Promise<boolean> {
  return (
    (await env.DB.prepare("SELECT 1 AS ok FROM sqlite_master WHERE type = 'index' AND name = ?").bind(name).first()) !==
    null
  );
}

const NONE: BoardFilters = { terms: [] };
const CURSOR = { submittedAt: "2026-03-01T00:00:00.000Z", caseId: "X" };
const noFullScan = (steps: string[]) => expect(steps.filter((s) => /^SCAN (c|cases)\b/.test(s))).toEqual([]);

describe("the board's query plans", () => {
  it("pages the whole board through (is_public, submitted_at), forwards and back", async () => {
    for (const f of [NONE, { ...NONE, after: CURSOR }, { ...NONE, before: CURSOR }]) {
      const steps = await plan(boardQuery(env.DB, f));
      expect(steps[0]).toMatch(/^SEARCH c USING INDEX cases_public_recent \(is_public=\?/);
      noFullScan(steps);
      // Only ties on submitted_at are sorted, a few rows at a time.
      expect(steps.filter((s) => s.includes("TEMP B-TREE") && !/RIGHT PART|LAST TERM/.test(s))).toEqual([]);
    }
  });

  it("narrows a month by its submitted_at range", async () => {
    const steps = await plan(boardQuery(env.DB, { ...NONE, month: "2026-03", after: CURSOR }));
    expect(steps[0]).toMatch(
      /^SEARCH c USING INDEX cases_public_recent \(is_public=\? AND submitted_at>\? AND submitted_at<\?\)/,
    );
  });

  it("filters by department and county through their own index when it exists", async () => {
    for (const [filter, index] of [
      [{ department: "pl-housing" }, "cases_public_department"],
      [{ region: "620802" }, "cases_public_region"],
    ] as const) {
      const steps = await plan(boardQuery(env.DB, { ...NONE, ...filter, after: CURSOR }));
      noFullScan(steps);
      if (await hasIndex(index)) {
        expect(steps).toEqual([expect.stringMatching(new RegExp(`^SEARCH c USING (COVERING )?INDEX ${index} `))]);
      } else {
        // Meanwhile: the board's order, filtering as it walks (a small department walks far).
        expect(steps[0]).toMatch(/^SEARCH c USING INDEX cases_public_recent/);
      }
    }
  });

  it("never scans the cases for category, type or state", async () => {
    for (const filter of [
      { category: "transport" },
      { type: "consult" as const },
      { state: "handling" as const },
      { state: "replied" as const },
    ]) {
      const steps = await plan(boardQuery(env.DB, { ...NONE, ...filter }));
      noFullScan(steps);
    }
  });

  it("searches words from the (term, case_id) index, then confirms each candidate by its primary key", async () => {
    const steps = await plan(
      boardQuery(env.DB, { ...NONE, terms: ["路灯", "维修"], department: "pl-housing" }, ["A", "B"]),
    );
    expect(steps.filter((s) => s.includes("opinion_case_terms"))).toEqual([
      "SEARCH opinion_case_terms USING COVERING INDEX opinion_case_terms_term (term=?)",
      "SEARCH opinion_case_terms USING COVERING INDEX opinion_case_terms_term (term=?)",
    ]);
    expect(steps).toContain("SEARCH c USING INDEX sqlite_autoindex_cases_1 (case_id=?)");
    noFullScan(steps);
  });

  it("bounds the fresh-title LIKE to the last day of public cases", async () => {
    const steps = await plan(freshTitlesQuery(env.DB, ["路灯"], "2026-03-01T00:00:00.000Z"));
    expect(steps).toEqual(["SEARCH c USING INDEX cases_public_recent (is_public=? AND submitted_at>?)"]);
  });

  it("counts a month's private cases by (is_public, submitted_at)", async () => {
    const steps = await plan(nonPublicCountQuery(env.DB, NONE, "2026-03"));
    expect(steps[0]).toMatch(
      /^SEARCH c USING INDEX cases_public_recent \(is_public=\? AND submitted_at>\? AND submitted_at<\?\)/,
    );
  });

  it("finds the latest replies newest first through the reply events, without sorting", async () => {
    const steps = await plan(latestRepliesQuery(env.DB, 5));
    expect(steps).toEqual([
      "SEARCH e USING INDEX case_events_type_at (type=?)",
      "SEARCH c USING INDEX sqlite_autoindex_cases_1 (case_id=?)",
    ]);
  });

  it("reads a department's replies from its own cases", async () => {
    const steps = await plan(departmentRepliesQuery(env.DB, "pl-housing", 10));
    expect(steps[0]).toMatch(
      /^SEARCH c USING INDEX (cases_department \(department_id=\? AND status=\?\)|cases_public_department)/,
    );
    noFullScan(steps);
  });
});
