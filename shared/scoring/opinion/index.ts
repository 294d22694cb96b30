/** Public-opinion analysis (舆情分析): terms, bursts, near-duplicate clusters, hot issues. Pure. */

export { type BurstOptions, type BurstScore, burstScore, burstScores, DEFAULT_BURST, type TermSeries } from "./burst";
export { type Cluster, clustersFromPairs, type SimilarPair } from "./clusters";
export { type HotIssue, hotIssues, type IssueMessage } from "./issues/hot-issues";
export { CIVIC_TERMS } from "./lexicon";
export { STOP_WORDS } from "./stop-words";
export { extractTerms, normaliseText } from "./terms";
