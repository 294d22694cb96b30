import { monthBounds } from "../../clocks/period";
import { monthCases, replaceIssues } from "../../db/opinion-issue-queries";
import { maskPersonalData } from "../../routing/mask";
import { hotIssues } from "./issues/hot-issues";

/**
 * One month's 热点问题, rebuilt from its cases by the opinion analysis: the same hotIssues() that
 * `npm run opinion` runs over a board's CSV, so the console and the CLI agree on the same messages.
 * Texts are masked before the grouping sees them, so a label never carries a phone or an ID number.
 */

/** Issues kept per month: the console shows the top, the rest wait for a region filter. */
export const ISSUES_KEPT = 100;

export async function recomputeIssues(
  db: D1Database,
  period: string,
  settledBefore: string,
  names: { places: readonly string[]; organisations: readonly string[] },
): Promise<number> {
  const { from, to } = monthBounds(period);
  // A region's display name may carry a note ("平凉市（市本级）"); messages write the bare name.
  const regions = [...new Set(names.places.flatMap((n) => [n, n.replace(/\s*[（(].*$/, "")]))].filter(Boolean);
  const rows = await monthCases(db, from, to, settledBefore);
  const issues = hotIssues(
    rows.map((c) => ({
      id: c.caseId,
      title: maskPersonalData(c.title),
      body: maskPersonalData(c.body),
      at: c.submittedAt,
      author: c.author === null ? undefined : String(c.author),
      supporters: c.supporters,
      regionCode: c.regionCode,
    })),
    {
      regions,
      places: [],
      organisations: names.organisations,
      windowStart: from,
      windowEnd: to < settledBefore ? to : settledBefore,
    },
  );
  await replaceIssues(
    db,
    period,
    issues.slice(0, ISSUES_KEPT).map((i, k) => ({
      period,
      rank: k + 1,
      label: i.label,
      heat: i.heat,
      messages: i.messages,
      petitioners: i.petitioners,
      supporters: i.supporters,
      firstAt: i.firstAt,
      lastAt: i.lastAt,
      regionCode: i.regionCode,
      caseIds: i.ids,
    })),
  );
  return issues.length;
}
