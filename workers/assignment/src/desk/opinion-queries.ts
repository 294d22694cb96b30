import { and, asc, desc, eq, max } from "drizzle-orm";
import { getDb, nameIn } from "../../../../shared/db/case-queries";
import { opinionClusters, opinionCursor, opinionIssues, opinionTopics } from "../../../../shared/db/evaluation-schema";
import type { OpinionIssueRow } from "../../../../shared/db/opinion-issue-queries";
import { cases, regions } from "../../../../shared/db/schema";
import { stringsOf } from "../../../../shared/db/topic-queries";
import { portalLang } from "../../../../shared/ui/i18n";

/** The 舆情分析 page reads only what the evaluation Worker's analysis wrote: it never scans cases. */

export const ALL_REGIONS = "*";
export const HOT_TERMS = 30;
export const CLUSTERS_SHOWN = 50;
export const ISSUES_SHOWN = 20;

/** A stored hot issue as the page shows it: the row without its month. */
export type IssueRow = Omit<OpinionIssueRow, "period">;

export interface TopicRow {
  term: string;
  n: number;
  recent: number;
  baseline: number;
  burst: number;
  rising: boolean;
  dissatisfied: number;
  supporters: number;
}

export interface ClusterRow {
  clusterId: string;
  size: number;
  regionCode: string;
  label: string;
  caseIds: string[];
}

export interface OpinionView {
  ranAt: string | null;
  issues: IssueRow[];
  hot: TopicRow[];
  rising: TopicRow[];
  clusters: ClusterRow[];
}

/** The latest month the analysis wrote topics for (the page's default), if any. */
export async function latestOpinionPeriod(db: D1Database): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ period: max(opinionTopics.period) })
    .from(opinionTopics);
  return row?.period ?? null;
}

export async function opinionRegions(db: D1Database): Promise<{ code: string; name: string }[]> {
  return getDb(db)
    .select({ code: regions.code, name: nameIn(portalLang(), regions) })
    .from(regions)
    .orderBy(asc(regions.code));
}

export async function opinionView(db: D1Database, period: string, region: string): Promise<OpinionView> {
  const d = getDb(db);
  const [cursor, rows, clusters, issues] = await d.batch([
    d.select({ ranAt: opinionCursor.ranAt }).from(opinionCursor).where(eq(opinionCursor.id, 1)),
    d
      .select({
        term: opinionTopics.term,
        n: opinionTopics.n,
        recent: opinionTopics.recent,
        baseline: opinionTopics.baseline,
        burst: opinionTopics.burst,
        rising: opinionTopics.rising,
        dissatisfied: opinionTopics.dissatisfied,
        supporters: opinionTopics.supporters,
      })
      .from(opinionTopics)
      .where(and(eq(opinionTopics.period, period), eq(opinionTopics.regionCode, region))),
    d
      .select({
        clusterId: opinionClusters.clusterId,
        size: opinionClusters.size,
        regionCode: opinionClusters.regionCode,
        label: opinionClusters.label,
        caseIds: opinionClusters.caseIds,
      })
      .from(opinionClusters)
      .where(
        and(
          eq(opinionClusters.period, period),
          region === ALL_REGIONS ? undefined : eq(opinionClusters.regionCode, region),
        ),
      )
      .orderBy(desc(opinionClusters.size), asc(opinionClusters.clusterId))
      .limit(CLUSTERS_SHOWN),
    d
      .select()
      .from(opinionIssues)
      .where(
        and(
          eq(opinionIssues.period, period),
          region === ALL_REGIONS ? undefined : eq(opinionIssues.regionCode, region),
        ),
      )
      .orderBy(asc(opinionIssues.rank))
      .limit(ISSUES_SHOWN),
  ]);
  const clusterRows = clusters.map((c) => ({ ...c, caseIds: stringsOf(c.caseIds) }));
  const byTerm = (a: TopicRow, b: TopicRow) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  return {
    ranAt: cursor[0]?.ranAt ?? null,
    issues: issues.map(({ period: _, ...i }) => ({ ...i, caseIds: stringsOf(i.caseIds) })),
    hot: [...rows].sort((a, b) => b.n - a.n || byTerm(a, b)).slice(0, HOT_TERMS),
    rising: rows
      .filter((t) => t.rising)
      .sort((a, b) => b.burst - a.burst || byTerm(a, b))
      .slice(0, HOT_TERMS),
    clusters: clusterRows,
  };
}

/** The tracking number behind a cluster member's case id: one primary-key look-up, on a click. */
export async function trackingNoOf(db: D1Database, caseId: string): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ trackingNo: cases.trackingNo })
    .from(cases)
    .where(eq(cases.caseId, caseId))
    .limit(1);
  return row?.trackingNo ?? null;
}
