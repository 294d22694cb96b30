/** Small statistics helpers shared by the load phases and the report. */

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Median of one numeric field over repetitions, ignoring NaN (a run that measured nothing). */
export function medianOf<T>(runs: readonly T[], pick: (run: T) => number): number {
  return median(runs.map(pick).filter((x) => !Number.isNaN(x)));
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
