import type { HolidayFile } from "../clocks/holiday-file";
import { OFFICIAL_CALENDAR_SOURCE, withOfficialYears } from "../clocks/official-calendar";
import {
  ADDRESSEES,
  CATEGORIES,
  COUNTY_DEPARTMENT_BY_REGION,
  DEMO_CATEGORY_DEPARTMENT,
  DEPARTMENTS,
  MESSAGE_TYPE_NAMES,
  REGIONS,
  REPLY_WORKING_DAYS,
} from "./demo-city";

const ESCALATION = { remind50: 0.5, remind75: 0.75, urge: 1, superviseAfterWorkingDays: 2, noticeAfterWorkingDays: 5 };

/** Rows for every configuration table, derived from the demo city and the holiday file. */
export function demoConfigRows(holidays: HolidayFile, now: string) {
  const rules = MESSAGE_TYPE_NAMES.flatMap(({ code }) => [
    {
      id: `${code}-dispatch`,
      messageType: code,
      category: null,
      stage: "dispatch" as const,
      limitValue: 1,
      unit: "working_days" as const,
      extensionCapDays: 0,
      maxExtensions: 0,
      escalation: null,
      returnWindowDays: null,
    },
    {
      id: `${code}-acknowledge`,
      messageType: code,
      category: null,
      stage: "acknowledge" as const,
      limitValue: 1,
      unit: "working_days" as const,
      extensionCapDays: 0,
      maxExtensions: 0,
      escalation: null,
      returnWindowDays: 2,
    },
    {
      id: `${code}-reply`,
      messageType: code,
      category: null,
      stage: "reply" as const,
      limitValue: REPLY_WORKING_DAYS[code] ?? null,
      unit: "working_days" as const,
      extensionCapDays: 10,
      maxExtensions: 1,
      escalation: ESCALATION,
      returnWindowDays: 2,
    },
    {
      id: `${code}-rating`,
      messageType: code,
      category: null,
      stage: "rating" as const,
      limitValue: 7,
      unit: "calendar_days" as const,
      extensionCapDays: 0,
      maxExtensions: 0,
      escalation: null,
      returnWindowDays: null,
    },
  ]);
  const routingRules = Object.entries(DEMO_CATEGORY_DEPARTMENT).map(([category, departmentId]) => ({
    category,
    regionCode: "*",
    departmentId,
    updatedAt: now,
  }));
  // Village roads and rural schools are county matters in the demo catalogue.
  for (const [regionCode, departmentId] of Object.entries(COUNTY_DEPARTMENT_BY_REGION)) {
    routingRules.push({ category: "transport", regionCode, departmentId, updatedAt: now });
  }
  return {
    regions: REGIONS.map((r) => ({ ...r })),
    departments: DEPARTMENTS.map(({ spokesperson: _s, ...d }) => ({
      ...d,
      parentId: d.kind === "office" ? null : "pl-office",
    })),
    addressees: ADDRESSEES,
    categories: CATEGORIES.map((c) => ({ ...c })),
    messageTypes: MESSAGE_TYPE_NAMES,
    rules,
    calendarVersion: {
      version: 1,
      note: `${holidays.source}; other years: ${OFFICIAL_CALENDAR_SOURCE}`,
      createdAt: now,
    },
    calendarDays: withOfficialYears(holidays).map((d) => ({ ...d, version: 1 })),
    staff: demoStaff(),
    routingRules,
    screenWords: DEMO_HOLD_WORDS.map((word) => ({ word, createdAt: now })),
  };
}

/** Words that put a demo message on hold for moderation. */
export const DEMO_HOLD_WORDS = ["代开发票", "博彩", "裸聊"];

/** Every demo account signs in with this password; `npm start` prints it. Local demo only. */
export const DEMO_STAFF_PASSWORD = "pingliang-demo";

export interface DemoStaff {
  id: string;
  username: string;
  displayName: string;
  role: "dispatcher" | "handler" | "spokesperson" | "supervisor" | "evaluator" | "admin";
  departmentId: string;
  publicTitle: string | null;
  /** Where the demo's notifications reach this account (the local inbox, /__dev/outbox). */
  email?: string;
  /** The department's head (负责人), who hears 催办 and 督办: the spokesperson in the demo. */
  isHead?: boolean;
}

const demoEmail = (username: string) => `${username}@pingliang.example`;

/** One account per role per department: office roles at the platform office, handlers and spokespeople everywhere else. */
export function demoStaff(): DemoStaff[] {
  const office = (role: DemoStaff["role"], displayName: string): DemoStaff => ({
    id: role,
    username: role,
    displayName,
    role,
    departmentId: "pl-office",
    publicTitle: null,
    email: demoEmail(role),
  });
  const staff: DemoStaff[] = [
    office("dispatcher", "问政办分办员"),
    office("supervisor", "督查室督查员"),
    office("evaluator", "评议员"),
    office("admin", "平台管理员"),
  ];
  for (const d of DEPARTMENTS) {
    if (d.kind === "office") continue;
    staff.push({
      id: `${d.id}-handler`,
      username: `${d.id}-handler`,
      displayName: `${d.shortName}承办人`,
      role: "handler",
      departmentId: d.id,
      publicTitle: null,
      email: demoEmail(`${d.id}-handler`),
    });
    if (d.spokesperson) {
      staff.push({
        id: `${d.id}-spokesperson`,
        username: `${d.id}-spokesperson`,
        displayName: d.spokesperson.name,
        role: "spokesperson",
        departmentId: d.id,
        publicTitle: d.spokesperson.title,
        email: demoEmail(`${d.id}-spokesperson`),
        isHead: true,
      });
    }
  }
  return staff;
}
