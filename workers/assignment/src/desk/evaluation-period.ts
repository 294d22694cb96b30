import { PERIOD_PATTERN } from "../../../../shared/clocks/period";

/** `?period=`: the given month, the fallback when absent, or null when it is malformed. */
export function periodParam(raw: string | undefined, fallback: string): string | null {
  if (raw === undefined || raw === "") return fallback;
  return PERIOD_PATTERN.test(raw) ? raw : null;
}

/** 0.873 → "87.3%"; no data → "—". */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
