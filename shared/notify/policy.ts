import { addDays, shanghaiDate, shanghaiWallTime, startOfShanghaiDay } from "../clocks/period";
import type { Channel } from "./provider";

/** No SMS between 22:00 and 08:00 Beijing time: what falls due then waits for the morning. */
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 8;
const HOUR_MS = 3_600_000;

/** The earliest moment a message on `channel` may go out, at or after `now`. E-mail is never held. */
export function sendableAt(channel: Channel, now: number): number {
  if (channel !== "sms") return now;
  const hour = shanghaiWallTime(now).getUTCHours();
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return now;
  const day = shanghaiDate(now);
  const morning = (date: string) => startOfShanghaiDay(date) + QUIET_UNTIL_HOUR * HOUR_MS;
  return hour < QUIET_UNTIL_HOUR ? morning(day) : morning(addDays(day, 1));
}

/** The Beijing day's bounds (UTC ISO) a per-phone daily cap counts within. */
export function capDay(now: number): { from: string; to: string } {
  const start = startOfShanghaiDay(shanghaiDate(now));
  return { from: new Date(start).toISOString(), to: new Date(start + 24 * HOUR_MS).toISOString() };
}

/** Retries of a provider that said "later": 1, 2, 4 … minutes, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}
/** After this many provider refusals marked "later", the message is failed and shown as such. */
export const MAX_SEND_ATTEMPTS = 8;
