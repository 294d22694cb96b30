import { calendarDaysOf, type HolidayFile } from "../clocks/holiday-file";
import { ADDRESSEES, CATEGORIES, DEPARTMENTS, MESSAGE_TYPE_NAMES, REGIONS, REPLY_WORKING_DAYS } from "./demo-city";

const ESCALATION = { remind50: 0.5, remind75: 0.75, urge: 1, superviseAfterWorkingDays: 2, noticeAfterWorkingDays: 5 };

/** Rows for every configuration table, derived from the demo city and the holiday file. */
export function demoConfigRows(holidays: HolidayFile, now: string) {
  const rules = MESSAGE_TYPE_NAMES.flatMap(({ code }) => [
    { id: `${code}-dispatch`, messageType: code, category: null, stage: "dispatch" as const, limitValue: 1, unit: "working_days" as const, extensionCapDays: 0, maxExtensions: 0, escalation: null, returnWindowDays: null },
    { id: `${code}-acknowledge`, messageType: code, category: null, stage: "acknowledge" as const, limitValue: 1, unit: "working_days" as const, extensionCapDays: 0, maxExtensions: 0, escalation: null, returnWindowDays: 2 },
    { id: `${code}-reply`, messageType: code, category: null, stage: "reply" as const, limitValue: REPLY_WORKING_DAYS[code] ?? null, unit: "working_days" as const, extensionCapDays: 10, maxExtensions: 1, escalation: ESCALATION, returnWindowDays: 2 },
    { id: `${code}-rating`, messageType: code, category: null, stage: "rating" as const, limitValue: 7, unit: "calendar_days" as const, extensionCapDays: 0, maxExtensions: 0, escalation: null, returnWindowDays: null },
  ]);
  const spokespeople = DEPARTMENTS.flatMap((d) =>
    d.spokesperson
      ? [{
          id: `${d.id}-spokesperson`,
          username: `${d.id}-spokesperson`,
          displayName: d.spokesperson.name,
          role: "spokesperson",
          departmentId: d.id,
          publicTitle: d.spokesperson.title,
          // Sign-in arrives with the staff console; until then these accounts cannot log in.
          passwordHash: "!",
        }]
      : [],
  );
  return {
    regions: REGIONS.map((r) => ({ ...r })),
    departments: DEPARTMENTS.map(({ spokesperson: _s, ...d }) => ({ ...d, parentId: d.kind === "office" ? null : "pl-office" })),
    addressees: ADDRESSEES,
    categories: CATEGORIES.map((c) => ({ ...c })),
    messageTypes: MESSAGE_TYPE_NAMES,
    rules,
    calendarVersion: { version: 1, note: holidays.source, createdAt: now },
    calendarDays: calendarDaysOf(holidays).map((d) => ({ ...d, version: 1 })),
    users: spokespeople,
  };
}
