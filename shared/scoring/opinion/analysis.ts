import { addDays, daysBetween, monthBounds, monthDays, periodOf, shanghaiDate } from "../../clocks/period";
import { recountDays } from "../../db/opinion-daily-queries";
import {
  type CaseTerm,
  caseSummaries,
  casesAfter,
  duplicatePairs,
  markRun,
  nameLists,
  readCursor,
  regionsWithCounts,
  replaceClusters,
  replaceTopics,
  saveCaseTerms,
  termReactions,
  termSeries,
  termTotals,
} from "../../db/opinion-queries";
import { maskPersonalData } from "../../routing/mask";
import { burstScores } from "./burst";
import { clustersFromPairs } from "./clusters";
import { recomputeIssues } from "./issue-analysis";
import { extractTerms } from "./terms";

/**
 * 舆情分析, run by the evaluation Worker's cron (and the demo seed): terms of the cases submitted
 * since the last run, then the daily counts, the month's hot and rising terms per region, the
 * clusters of near-duplicate messages and the hot issues (one problem at one place), all into tables the console pages read (a page view never
 * scans cases). Safe to run twice or to die half-way: case terms are written once per case, every
 * aggregate is recomputed for the keys a run touched, and the cursor moves last.
 */

/** A run that read fewer than batches × this has caught up. */
export const CASES_PER_BATCH = 400;
const BATCHES_PER_RUN = 10;
/** Cases younger than this may still be in screening; they wait for the next run. */
const SETTLE_MS = 10 * 60_000;
const TOPICS_KEPT = 150;
const WEEKS_OF_BASELINE = 4;

export interface OpinionRun {
  cases: number;
  periods: string[];
}

export async function analyseOpinion(
  db: D1Database,
  now: Date,
  /** Batches of cases this run may read: the cron's bounded default, or more to catch up on a history at once. */
  batches = BATCHES_PER_RUN,
): Promise<OpinionRun> {
  const names = await nameLists(db);
  const touchedDays = new Set<string>();
  let cursor = await readCursor(db);
  let cases = 0;
  const settledBefore = new Date(now.getTime() - SETTLE_MS).toISOString();
  for (let batch = 0; batch < batches; batch++) {
    const rows = await casesAfter(db, cursor, settledBefore, CASES_PER_BATCH);
    const last = rows.at(-1);
    if (!last) break;
    const terms = rows.flatMap((c): CaseTerm[] => {
      const day = shanghaiDate(c.submittedAt);
      touchedDays.add(day);
      return extractTerms(maskPersonalData(`${c.title}\n${c.body}`), names.places, names.organisations).map((term) => ({
        caseId: c.caseId,
        term,
        day,
        regionCode: c.regionCode,
      }));
    });
    cursor = { submittedAt: last.submittedAt, caseId: last.caseId };
    await saveCaseTerms(db, terms, cursor, now.toISOString());
    cases += rows.length;
    if (rows.length < CASES_PER_BATCH) break;
  }

  await recountDays(db, [...touchedDays]);
  // The current month always: ratings (不满意) and rising terms change even without new cases.
  const periods = [...new Set([...[...touchedDays].map((d) => d.slice(0, 7)), periodOf(now)])].sort();
  const today = shanghaiDate(now);
  for (const period of periods) {
    await recomputeTopics(db, period, today);
    await recomputeClusters(db, period);
    await recomputeIssues(db, period, settledBefore, names);
  }
  await markRun(db, cursor, now.toISOString());
  return { cases, periods };
}

/**
 * Hot and rising terms of one month per region. Rising compares the last 7 days of the month (up
 * to today) with the four weeks before, week by week, so a weekday rhythm is not a burst.
 */
async function recomputeTopics(db: D1Database, period: string, today: string): Promise<void> {
  const { first, last } = monthDays(period);
  const windowEnd = last < today ? last : today;
  const recentStart = addDays(windowEnd, -6);
  const seriesStart = addDays(recentStart, -7 * WEEKS_OF_BASELINE);
  const rows = [];
  for (const region of await regionsWithCounts(db, first, last)) {
    const totals = await termTotals(db, region, first, last, TOPICS_KEPT);
    const daily = await termSeries(db, region, { seriesStart, recentStart, windowEnd, first, last }, TOPICS_KEPT);
    const weeks = new Map<string, number[]>();
    for (const r of daily) {
      // The last bucket is the recent week; each earlier bucket is the 7 days before the next.
      const daysBefore = daysBetween(r.day, recentStart);
      const week = daysBefore <= 0 ? WEEKS_OF_BASELINE : WEEKS_OF_BASELINE - Math.ceil(daysBefore / 7);
      const counts = weeks.get(r.term) ?? new Array<number>(WEEKS_OF_BASELINE + 1).fill(0);
      if (week >= 0 && week <= WEEKS_OF_BASELINE) counts[week] = (counts[week] ?? 0) + r.n;
      weeks.set(r.term, counts);
    }
    const bursts = new Map(burstScores([...weeks].map(([term, counts]) => ({ term, counts }))).map((b) => [b.term, b]));
    const reactions = new Map((await termReactions(db, region, first, last)).map((r) => [r.term, r]));
    const monthTotals = new Map(totals.map((r) => [r.term, r.n]));
    const kept = new Set([...monthTotals.keys(), ...[...bursts.values()].filter((b) => b.rising).map((b) => b.term)]);
    for (const term of kept) {
      const b = bursts.get(term);
      rows.push({
        period,
        regionCode: region,
        term,
        n: monthTotals.get(term) ?? b?.observed ?? 0,
        recent: b?.observed ?? 0,
        baseline: b?.baseline ?? 0,
        burst: b?.score ?? 0,
        rising: b?.rising ?? false,
        dissatisfied: reactions.get(term)?.dissatisfied ?? 0,
        supporters: reactions.get(term)?.supporters ?? 0,
      });
    }
  }
  await replaceTopics(db, period, rows);
}

/** Clusters of near-duplicates (the intake's suggestions and the dispatcher's merges) among the month's cases. */
async function recomputeClusters(db: D1Database, period: string): Promise<void> {
  const { from, to } = monthBounds(period);
  const clusters = clustersFromPairs(await duplicatePairs(db, from, to));
  const rows = [];
  for (const cluster of clusters) {
    const [earliest] = await caseSummaries(db, cluster.members);
    const clusterId = cluster.members[0];
    if (!earliest || clusterId === undefined) continue;
    rows.push({
      period,
      clusterId,
      size: cluster.size,
      regionCode: earliest.regionCode,
      label: maskPersonalData(earliest.title),
      caseIds: cluster.members,
    });
  }
  await replaceClusters(db, period, rows);
}
