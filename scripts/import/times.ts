import { SHANGHAI_OFFSET_MS, toShanghaiIso } from "../../shared/clocks/period";

/**
 * A board's local times, read as Beijing time (Asia/Shanghai, fixed +08:00). Only complete times are
 * accepted: a board that wrote "2019/09/05" or "2019/1/8 9" lost the time of day, and guessing one
 * would put the case on the wrong side of a deadline, so such values are refused and the row named.
 */
export type BoardTime = { ok: true; iso: string; ms: number } | { ok: false; problem: string };

/** The earliest year the official calendar covers (shared/clocks/official-calendar.ts): clocks need it. */
export const EARLIEST_YEAR = 2004;

const LOCAL = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2}) +(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}[/-]\d{1,2}[/-]\d{1,2}$/;
const HOUR_ONLY = /^\d{4}[/-]\d{1,2}[/-]\d{1,2} +\d{1,2}$/;
const ISO_NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

const refuse = (problem: string): BoardTime => ({ ok: false, problem });

/** Epoch ms of a wall-clock time at `offsetMs` east of UTC, or null when a field is out of range (2019/2/30, 24:00). */
function wallClock(fields: string[], offsetMs: number): number | null {
  const [y, mo, d, h, mi, s] = fields.map((f) => Number(f ?? 0));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined) return null;
  if (h > 23 || mi > 59 || (s ?? 0) > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s ?? 0);
  const back = new Date(utc);
  // Date.UTC rolls 2019-02-30 over into March: a real date reads back the same.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - offsetMs;
}

function offsetOf(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const [h = 0, m = 0] = zone.slice(1).split(":").map(Number);
  return sign * (h * 60 + m) * 60_000;
}

/** Reads one time cell; `now` bounds it from above (a message cannot come from the future). */
export function parseBoardTime(raw: string, now: number): BoardTime {
  const text = raw.trim();
  if (text === "") return refuse("empty");
  let ms: number | null;
  const local = LOCAL.exec(text);
  const iso = local ? null : ISO_OFFSET.exec(text);
  if (local) ms = wallClock(local.slice(1, 7) as string[], SHANGHAI_OFFSET_MS);
  else if (iso) ms = wallClock(iso.slice(1, 7) as string[], offsetOf(iso[7] ?? "Z"));
  else if (DATE_ONLY.test(text)) return refuse(`"${text}" has a date but no time of day`);
  else if (HOUR_ONLY.test(text)) return refuse(`"${text}" has an hour but no minutes`);
  else if (ISO_NO_OFFSET.test(text)) return refuse(`"${text}" has no offset: add +08:00 or write "Y-M-D H:MM"`);
  else return refuse(`"${text}" is not a time this importer reads (Y/M/D H:MM[:SS], Y-M-D H:MM[:SS], ISO with offset)`);
  if (ms === null) return refuse(`"${text}" is not a real date and time`);
  if (new Date(ms + SHANGHAI_OFFSET_MS).getUTCFullYear() < EARLIEST_YEAR)
    return refuse(`"${text}" is before ${EARLIEST_YEAR}, the first year the official calendar covers`);
  if (ms > now) return refuse(`"${text}" is in the future`);
  return { ok: true, iso: toShanghaiIso(ms), ms };
}
