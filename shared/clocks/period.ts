/**
 * Beijing time (Asia/Shanghai, UTC+8 all year: no DST since 1991), its days and its months. Every
 * other module asks here: a day is a "YYYY-MM-DD" Beijing date, a month is a period "YYYY-MM" (what
 * the rollups, reports and rankings key by), and instants are stored as UTC ISO strings or epoch
 * milliseconds. A reply at 23:30 on 31 March Beijing time (15:30Z) belongs to 31 March and to March.
 */
import type { EpochMs } from "./calendar";

/** UTC+8; exported only for the calendar's day numbers. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** A month as the rollups key it. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

type Instant = string | EpochMs | Date;

const epochMs = (instant: Instant): EpochMs =>
  typeof instant === "number" ? instant : typeof instant === "string" ? Date.parse(instant) : instant.getTime();

/** The Beijing wall-clock time of an instant, as a Date whose UTC fields read it (getUTCHours() is the Beijing hour). */
export function shanghaiWallTime(instant: Instant): Date {
  return new Date(epochMs(instant) + SHANGHAI_OFFSET_MS);
}

/** An instant as ISO 8601 in Beijing time with its offset: what every API and page shows. */
export function toShanghaiIso(instant: Instant): string {
  return `${shanghaiWallTime(instant).toISOString().slice(0, 19)}+08:00`;
}

/** "2026-11-26 09:30" for pages. */
export function formatShanghai(instant: string | null): string {
  return instant ? toShanghaiIso(instant).slice(0, 16).replace("T", " ") : "—";
}

// Days

/** The Beijing date ("YYYY-MM-DD") an instant falls on. */
export function shanghaiDate(instant: Instant): string {
  return shanghaiWallTime(instant).toISOString().slice(0, 10);
}

/** 00:00 Beijing time starting a date. Throws RangeError unless the date is a real "YYYY-MM-DD". */
export function startOfShanghaiDay(date: string): EpochMs {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const utc = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 02-30 over into March, so a date is valid only if it reads back the same.
  if (!Number.isFinite(utc) || new Date(utc).toISOString().slice(0, 10) !== date)
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return utc - SHANGHAI_OFFSET_MS;
}

/** The end of a Beijing date: 24:00 +08:00, i.e. the next day's 00:00 +08:00. */
export function endOfShanghaiDay(date: string): EpochMs {
  return startOfShanghaiDay(date) + DAY_MS;
}

/** The date `n` calendar days after `date` (negative: before). */
export function addDays(date: string, n: number): string {
  return shanghaiDate(startOfShanghaiDay(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfShanghaiDay(to) - startOfShanghaiDay(from)) / DAY_MS);
}

// Months

/** The Beijing month ("YYYY-MM") an instant falls in. */
export function periodOf(instant: Instant): string {
  return shanghaiWallTime(instant).toISOString().slice(0, 7);
}

/** The Beijing month now. */
export function currentPeriod(now: Instant = Date.now()): string {
  return periodOf(now);
}

/** The month `n` months after `period` (negative: before); 2026-01 − 1 is 2025-12. */
export function addMonths(period: string, n: number): string {
  const [y = 0, m = 1] = period.split("-").map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function previousPeriod(period: string): string {
  return addMonths(period, -1);
}

/** `count` months ending with `last`, oldest first (a trend's x axis). */
export function periodsEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i + 1 - count));
}

/** 00:00 Beijing time on the 1st of the month. */
export function monthStart(period: string): EpochMs {
  return startOfShanghaiDay(`${period}-01`);
}

/** The month's instants as stored (UTC ISO), [from, to): its start and the next month's. */
export function monthBounds(period: string): { from: string; to: string } {
  return {
    from: new Date(monthStart(period)).toISOString(),
    to: new Date(monthStart(addMonths(period, 1))).toISOString(),
  };
}

/** The month's first and last dates, "YYYY-MM-DD". */
export function monthDays(period: string): { first: string; last: string } {
  return { first: `${period}-01`, last: shanghaiDate(monthStart(addMonths(period, 1)) - 1) };
}

/** "2026年3月" / "March 2026". */
export function periodLabel(period: string, lang: "zh" | "en" = "zh"): string {
  const [y = "", m = "1"] = period.split("-");
  if (lang === "zh") return `${y}年${Number(m)}月`;
  return `${new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" })} ${y}`;
}
