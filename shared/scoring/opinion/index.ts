/** Public-opinion analysis (舆情分析): terms, bursts, near-duplicate clusters, 每月一题 candidates. Pure. */

export { type BurstOptions, type BurstScore, burstScore, burstScores, DEFAULT_BURST, type TermSeries } from "./burst";
export {
  type Candidate,
  type CandidateWeights,
  candidateReason,
  candidateScore,
  DEFAULT_CANDIDATE_WEIGHTS,
  rankCandidates,
  type TopicSignals,
} from "./candidates";
export { type Cluster, clustersFromPairs, type SimilarPair } from "./clusters";
export { CIVIC_TERMS } from "./lexicon";
export { STOP_WORDS } from "./stop-words";
export { extractTerms, normaliseText } from "./terms";
