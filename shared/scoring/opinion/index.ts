/** Public-opinion analysis (舆情分析): terms, bursts, near-duplicate clusters, 每月一题 candidates. Pure. */
export { extractTerms, normaliseText } from "./terms";
export { STOP_WORDS } from "./stop-words";
export { CIVIC_TERMS } from "./lexicon";
export { DEFAULT_BURST, burstScore, burstScores, type BurstOptions, type BurstScore, type TermSeries } from "./burst";
export { clustersFromPairs, type Cluster, type SimilarPair } from "./clusters";
export {
  DEFAULT_CANDIDATE_WEIGHTS,
  candidateReason,
  candidateScore,
  rankCandidates,
  type Candidate,
  type CandidateWeights,
  type TopicSignals,
} from "./candidates";
