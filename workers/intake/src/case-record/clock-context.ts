import { desc, eq } from "drizzle-orm";
import { createCalendar, type WorkingCalendar } from "../../../../shared/clocks/calendar";
import type { ClockContext } from "../../../../shared/clocks/case-clocks";
import type { TimeLimitRule } from "../../../../shared/clocks/time-limit-rules";
import { type CachedRead, cachedRead } from "../../../../shared/db/cached-read";
import { getDb } from "../../../../shared/db/case-queries";
import { calendarDays, calendarVersions, timeLimitRules } from "../../../../shared/db/schema";

const RULES_TTL_MS = 60_000;
let rulesCache: CachedRead<TimeLimitRule[]> | null = null;
// A calendar version never changes once written (edits make a new version), so it is cached for good.
const calendars = new Map<number, WorkingCalendar>();

let versionCache: CachedRead<number | null> | null = null;

/** The newest calendar version (cached a minute, like the rules: a new version applies to cases after it). */
export async function latestCalendarVersion(db: D1Database): Promise<number | null> {
  versionCache = await cachedRead(versionCache, RULES_TTL_MS, "calendar-version", async () => {
    const [row] = await getDb(db)
      .select({ version: calendarVersions.version })
      .from(calendarVersions)
      .orderBy(desc(calendarVersions.version))
      .limit(1);
    return row?.version ?? null;
  });
  return versionCache.value;
}

/** The rules in force now (cached a minute). A new case pins them; admins' edits apply to new cases. */
export async function currentRules(db: D1Database): Promise<TimeLimitRule[]> {
  rulesCache = await cachedRead(rulesCache, RULES_TTL_MS, "time-limit-rules", async () => {
    const rows = await getDb(db).select().from(timeLimitRules);
    return rows.map((r) => ({ ...r, escalation: r.escalation ?? null }));
  });
  return rulesCache.value;
}

/**
 * The rules the case pinned at submission (or, for a case from before pinning, today's) and the
 * calendar version it was submitted under: its deadlines can always be recomputed the same way.
 * Loaded before a command's synchronous section, never inside it.
 */
export async function loadClockContext(
  db: D1Database,
  calendarVersion: number | null,
  pinnedRules: TimeLimitRule[] | null,
): Promise<ClockContext> {
  const d = getDb(db);
  const rules = pinnedRules ?? (await currentRules(db));
  const version = calendarVersion ?? 0;
  let calendar = calendars.get(version);
  if (!calendar) {
    const days = version
      ? await d
          .select({ date: calendarDays.date, kind: calendarDays.kind })
          .from(calendarDays)
          .where(eq(calendarDays.version, version))
      : [];
    calendar = createCalendar({ version, days });
    calendars.set(version, calendar);
  }
  return { rules, calendar };
}
