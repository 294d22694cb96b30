/**
 * Burst detection (突发热点): does a term's count in the current window exceed what its own
 * trailing baseline predicts? Each series holds counts per time bucket, oldest first; the last
 * `window` buckets are the current window, everything before is the baseline.
 *
 * The score is a Poisson z: (observed − λ) / √λ, with λ the baseline mean scaled to the window.
 * Counts of real topics vary more than Poisson (weekday cycles, a re-posting citizen), so the
 * denominator uses the baseline's own variance when that is larger: a topic that always swings
 * between 10 and 40 is not news when it hits 40.
 */
export interface BurstOptions {
  /** Buckets at the end of each series that form the current window. */
  window: number;
  /** The window must hold at least this many occurrences: 3 messages are never a trend. */
  minCount: number;
  /** Score at or above which a term is rising. */
  threshold: number;
  /** The window must hold at least this multiple of λ as well, so a huge topic's small wobble is not a burst. */
  minRatio: number;
  /**
   * Occurrences added to the baseline before taking its mean, so a term never seen before gets a
   * small but non-zero λ (a finite score) rather than dividing by zero.
   */
  pseudoCount: number;
}

// threshold 4 rather than the textbook 3: over thousands of terms per run, 3 lets about one steady
// term in 500 through on noise alone; 4 cuts that to about one in 1,500 and still flags 2/day → 20.
export const DEFAULT_BURST: BurstOptions = { window: 1, minCount: 5, threshold: 4, minRatio: 2, pseudoCount: 0.5 };

export interface TermSeries {
  term: string;
  counts: readonly number[];
}

export interface BurstScore {
  term: string;
  /** Occurrences in the current window. */
  observed: number;
  /** Expected occurrences in the window (λ) from the baseline. */
  baseline: number;
  score: number;
  rising: boolean;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function burstScore(series: TermSeries, options: Partial<BurstOptions> = {}): BurstScore {
  const o = { ...DEFAULT_BURST, ...options };
  const window = Math.max(1, Math.floor(o.window));
  const counts = series.counts.map((c) => (Number.isFinite(c) && c > 0 ? c : 0));
  const split = Math.max(0, counts.length - window);
  const past = counts.slice(0, split);
  const observed = sum(counts.slice(split));
  // With no history at all the pseudo-count alone sets λ, per bucket.
  const mean = (sum(past) + o.pseudoCount) / Math.max(1, past.length);
  const lambda = mean * window;
  // Variance of a window's total, assuming buckets vary independently around the mean.
  const pastMean = sum(past) / Math.max(1, past.length);
  const variance = past.length > 1 ? (sum(past.map((c) => (c - pastMean) ** 2)) / (past.length - 1)) * window : 0;
  // λ is itself estimated from past.length buckets; its error adds window/past.length of the
  // variance, which matters for short or sparse histories.
  const spread = Math.max(lambda, variance) * (1 + window / Math.max(1, past.length));
  const score = (observed - lambda) / Math.sqrt(spread);
  const rising = score >= o.threshold && observed >= o.minCount && observed >= o.minRatio * lambda;
  return { term: series.term, observed, baseline: lambda, score, rising };
}

/** Every term's burst score, highest first (ties by term, so the order is reproducible). */
export function burstScores(series: readonly TermSeries[], options: Partial<BurstOptions> = {}): BurstScore[] {
  return series
    .map((s) => burstScore(s, options))
    .sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}
