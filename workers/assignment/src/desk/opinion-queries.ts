import { type Candidate, rankCandidates, type TopicSignals } from "../../../../shared/scoring/opinion";

/** The 舆情分析 page reads only what the evaluation Worker's analysis wrote: it never scans cases. */

export const ALL_REGIONS = "*";
export const HOT_TERMS = 30;
export const CLUSTERS_SHOWN = 50;
export const CANDIDATES_SHOWN = 10;

export interface TopicRow {
  term: string;
  n: number;
  recent: number;
  baseline: number;
  burst: number;
  rising: boolean;
  dissatisfied: number;
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
  hot: TopicRow[];
  rising: TopicRow[];
  clusters: ClusterRow[];
  candidates: (Candidate & { clusterId: string | null })[];
}

/** The latest month the analysis wrote topics for (the page's default), if any. */
export async function latestOpinionPeriod(db: D1Database): Promise<string | null> {
  return (
    (await db.prepare("SELECT MAX(period) AS period FROM opinion_topics").first<{ period: string | null }>())?.period ??
    null
  );
}

export async function opinionRegions(db: D1Database): Promise<{ code: string; name: string }[]> {
  return (await db.prepare("SELECT code, name FROM regions ORDER BY code").all<{ code: string; name: string }>())
    .results;
}

function caseIdList(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export async function opinionView(db: D1Database, period: string, region: string): Promise<OpinionView> {
  const [cursor, topics, clusters] = await db.batch([
    db.prepare("SELECT ran_at AS ranAt FROM opinion_cursor WHERE id = 1"),
    db
      .prepare(
        "SELECT term, n, recent, baseline, burst, rising, dissatisfied FROM opinion_topics WHERE period = ? AND region_code = ?",
      )
      .bind(period, region),
    db
      .prepare(
        `SELECT cluster_id AS clusterId, size, region_code AS regionCode, label, case_ids AS caseIds FROM opinion_clusters WHERE period = ?1 AND (?2 = '${ALL_REGIONS}' OR region_code = ?2) ORDER BY size DESC, cluster_id LIMIT ?3`,
      )
      .bind(period, region, CLUSTERS_SHOWN),
  ]);
  const rows = ((topics?.results ?? []) as (Omit<TopicRow, "rising"> & { rising: number })[]).map((t) => ({
    ...t,
    rising: t.rising === 1,
  }));
  const clusterRows = ((clusters?.results ?? []) as (Omit<ClusterRow, "caseIds"> & { caseIds: string })[]).map((c) => ({
    ...c,
    caseIds: caseIdList(c.caseIds),
  }));
  const byTerm = (a: TopicRow, b: TopicRow) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  return {
    ranAt: ((cursor?.results ?? [])[0] as { ranAt: string } | undefined)?.ranAt ?? null,
    hot: [...rows].sort((a, b) => b.n - a.n || byTerm(a, b)).slice(0, HOT_TERMS),
    rising: rows
      .filter((t) => t.rising)
      .sort((a, b) => b.burst - a.burst || byTerm(a, b))
      .slice(0, HOT_TERMS),
    clusters: clusterRows,
    candidates: candidatesOf(rows, clusterRows),
  };
}

/**
 * 每月一题: every term and every cluster of two or more messages as a topic. A term takes the size
 * of the largest cluster whose label mentions it, so a site behind many messages lifts its term.
 */
export function candidatesOf(
  topics: readonly TopicRow[],
  clusters: readonly ClusterRow[],
): (Candidate & { clusterId: string | null })[] {
  const signals: TopicSignals[] = topics.map((t) => ({
    key: `term:${t.term}`,
    label: t.term,
    volume: t.n,
    burst: t.baseline > 0 ? t.recent / t.baseline : 1,
    dissatisfied: t.dissatisfied,
    clusterSize: Math.max(1, ...clusters.filter((c) => c.label.includes(t.term)).map((c) => c.size)),
  }));
  for (const c of clusters) {
    if (c.size >= 2)
      signals.push({
        key: `cluster:${c.clusterId}`,
        label: c.label,
        volume: c.size,
        burst: 1,
        dissatisfied: 0,
        clusterSize: c.size,
      });
  }
  return rankCandidates(signals)
    .slice(0, CANDIDATES_SHOWN)
    .map((c) => ({ ...c, clusterId: c.key.startsWith("cluster:") ? c.key.slice("cluster:".length) : null }));
}

/** The tracking number behind a cluster member's case id: one primary-key look-up, on a click. */
export async function trackingNoOf(db: D1Database, caseId: string): Promise<string | null> {
  return (
    (
      await db
        .prepare("SELECT tracking_no AS trackingNo FROM cases WHERE case_id = ?")
        .bind(caseId)
        .first<{ trackingNo: string }>()
    )?.trackingNo ?? null
  );
}
