import { periodOf } from "../../../../shared/scoring/rollup-increments";

/** Months as the rollups key them: YYYY-MM in Beijing time. */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function currentPeriod(now: Date): string {
  return periodOf(now.toISOString());
}

/** The month `n` months after `period` (negative: before). */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month's instants as stored (UTC ISO): [start, end) of the Beijing month. */
export function monthRange(period: string): { from: string; to: string } {
  const start = (p: string) => new Date(Date.parse(`${p}-01T00:00:00.000Z`) - SHANGHAI_OFFSET_MS).toISOString();
  return { from: start(period), to: start(addMonths(period, 1)) };
}

/** "2026年3月" */
export function periodLabel(period: string): string {
  const [y, m] = period.split("-");
  return `${y}年${Number(m)}月`;
}
