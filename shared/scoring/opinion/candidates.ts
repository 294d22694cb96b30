/**
 * Ranks topics as candidates for 每月一题 (the monthly issue the leadership takes up). A topic is a
 * term or a cluster the caller has already counted; the score is a weighted sum of four signals,
 * each log-scaled so that no single one can drown the others:
 *
 *   volume        log(1 + messages)             — how many people write about it
 *   burst         log2(max(1, ratio))           — each doubling over the usual level adds 1
 *   dissatisfied  log(1 + dissatisfied ratings) — replies that did not settle it
 *   cluster       log(clusterSize)              — one site or event behind many messages
 *   supporters    log(1 + supporters)           — citizens who said 附议 (the same problem is theirs)
 *
 * Equal scores fall back to the key, so the ranking is reproducible.
 */
export interface TopicSignals {
  key: string;
  label: string;
  /** Messages about the topic in the period. */
  volume: number;
  /** Observed ÷ usual level (BurstScore.observed / BurstScore.baseline); 1 = as usual. */
  burst: number;
  /** Cases of the topic rated 不满意. */
  dissatisfied: number;
  /** Size of the largest near-duplicate cluster in the topic (1 = none). */
  clusterSize: number;
  /** 附议: supporters of the topic's cases, each counted once per case. */
  supporters: number;
}

export interface CandidateWeights {
  volume: number;
  burst: number;
  dissatisfied: number;
  cluster: number;
  supporters: number;
}

// Cluster counts less than the others: a large cluster may be one citizen re-posting. Supporters too:
// a 附议 costs less than writing a message, and its phone is not verified.
export const DEFAULT_CANDIDATE_WEIGHTS: CandidateWeights = {
  volume: 1,
  burst: 1,
  dissatisfied: 1,
  cluster: 0.5,
  supporters: 0.5,
};

export interface Candidate {
  key: string;
  label: string;
  score: number;
  /** One line for the person choosing, e.g. "留言量 42，为往常的 3.1 倍，不满意 5 件". */
  reason: string;
}

/** A burst below this ratio is not mentioned in the reason: it reads as noise, not a rise. */
const NOTABLE_BURST = 1.5;

const count = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);

export function candidateScore(t: TopicSignals, weights: CandidateWeights = DEFAULT_CANDIDATE_WEIGHTS): number {
  return (
    weights.volume * Math.log1p(count(t.volume)) +
    weights.burst * Math.log2(Math.max(1, count(t.burst))) +
    weights.dissatisfied * Math.log1p(count(t.dissatisfied)) +
    weights.cluster * Math.log(Math.max(1, count(t.clusterSize))) +
    weights.supporters * Math.log1p(count(t.supporters))
  );
}

export function candidateReason(t: TopicSignals, lang: "zh" | "en" = "zh"): string {
  const volume = Math.round(count(t.volume));
  const dissatisfied = Math.round(count(t.dissatisfied));
  const similar = Math.round(count(t.clusterSize));
  const supporters = Math.round(count(t.supporters));
  const burst = count(t.burst).toFixed(1);
  const en = lang === "en";
  const parts = [en ? `${volume} message${volume === 1 ? "" : "s"}` : `留言量 ${volume}`];
  // "为往常的 N 倍" rather than "上升 N 倍": in official Chinese "上升 N 倍" means N + 1 times.
  if (count(t.burst) >= NOTABLE_BURST) parts.push(en ? `${burst} times the usual` : `为往常的 ${burst} 倍`);
  if (dissatisfied > 0) parts.push(en ? `${dissatisfied} dissatisfied` : `不满意 ${dissatisfied} 件`);
  if (similar >= 2) parts.push(en ? `${similar} similar messages` : `相似留言 ${similar} 件`);
  if (supporters > 0)
    parts.push(en ? `${supporters} supporter${supporters === 1 ? "" : "s"}` : `附议 ${supporters} 人`);
  return parts.join(en ? ", " : "，");
}

/** Topics by descending score, each with its reason. */
export function rankCandidates(
  topics: readonly TopicSignals[],
  weights: Partial<CandidateWeights> = {},
  lang: "zh" | "en" = "zh",
): Candidate[] {
  const w = { ...DEFAULT_CANDIDATE_WEIGHTS, ...weights };
  return topics
    .map((t) => ({ key: t.key, label: t.label, score: candidateScore(t, w), reason: candidateReason(t, lang) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
