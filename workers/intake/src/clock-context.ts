import { desc, eq } from "drizzle-orm";
import { createCalendar, type WorkingCalendar } from "../../../shared/clocks/calendar";
import type { TimeLimitRule } from "../../../shared/clocks/time-limit-rules";
import { getDb } from "../../../shared/db/case-queries";
import { calendarDays, calendarVersions, timeLimitRules } from "../../../shared/db/schema";

export interface ClockContext {
  rules: readonly TimeLimitRule[];
  calendar: WorkingCalendar;
}

const RULES_TTL_MS = 60_000;
let rulesCache: { at: number; rules: TimeLimitRule[] } | null = null;
// A calendar version never changes once written (edits make a new version), so it is cached for good.
const calendars = new Map<number, WorkingCalendar>();

export async function latestCalendarVersion(db: D1Database): Promise<number | null> {
  const [row] = await getDb(db).select({ version: calendarVersions.version }).from(calendarVersions).orderBy(desc(calendarVersions.version)).limit(1);
  return row?.version ?? null;
}

/**
 * The time-limit rules (cached a minute: admins' edits apply within it) and the calendar version
 * the case was submitted under. Loaded before a command's synchronous section, never inside it.
 */
export async function loadClockContext(db: D1Database, calendarVersion: number | null): Promise<ClockContext> {
  const d = getDb(db);
  if (!rulesCache || Date.now() - rulesCache.at > RULES_TTL_MS) {
    const rows = await d.select().from(timeLimitRules);
    rulesCache = { at: Date.now(), rules: rows.map((r) => ({ ...r, escalation: r.escalation ?? null })) };
  }
  const version = calendarVersion ?? 0;
  let calendar = calendars.get(version);
  if (!calendar) {
    const days = version ? await d.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays).where(eq(calendarDays.version, version)) : [];
    calendar = createCalendar({ version, days });
    calendars.set(version, calendar);
  }
  return { rules: rulesCache.rules, calendar };
}

/** Forgets the cached rules, so a test or an admin edit takes effect at once in this isolate. */
export function forgetCachedRules(): void {
  rulesCache = null;
}
