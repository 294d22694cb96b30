import { periodOf } from "../../../../shared/scoring/rollup-increments";

/** Months (YYYY-MM, Beijing time) for the evaluation pages. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function currentPeriod(now: Date): string {
  return periodOf(now.toISOString());
}

export function shiftPeriod(period: string, months: number): string {
  const [year = 0, month = 1] = period.split("-").map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month as UTC instants [from, to), comparable with the ISO timestamps stored in D1. */
export function periodBounds(period: string): { from: string; to: string } {
  const start = (p: string) => new Date(Date.parse(`${p}-01T00:00:00+08:00`)).toISOString();
  return { from: start(period), to: start(shiftPeriod(period, 1)) };
}

export function periodLabel(period: string): string {
  const [year, month] = period.split("-");
  return `${year} 年 ${Number(month)} 月`;
}

/** `?period=`: the given month, the fallback when absent, or null when it is malformed. */
export function periodParam(raw: string | undefined, fallback: string): string | null {
  if (raw === undefined || raw === "") return fallback;
  return PERIOD_PATTERN.test(raw) ? raw : null;
}

/** 0.873 → "87.3%"; no data → "—". */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
