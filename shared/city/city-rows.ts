import type * as desk from "../db/desk-schema";
import type * as evaluation from "../db/evaluation-schema";
import type * as t from "../db/schema";
import { MESSAGE_TYPES } from "../domain/case-model";
import type { CityFile } from "./city-file.schema";

type Rule = typeof t.timeLimitRules.$inferInsert;

/** A city file's time limits as rows of `time_limit_rules` (one per message type and stage). */
function timeLimitRows(limits: CityFile["timeLimits"]): Rule[] {
  const rule = (type: string, stage: Rule["stage"], value: number | null, extra: Partial<Rule> = {}): Rule => ({
    id: `${type}-${stage}`,
    messageType: type,
    category: null,
    stage,
    limitValue: value,
    unit: stage === "rating" ? "calendar_days" : "working_days",
    extensionCapDays: 0,
    maxExtensions: 0,
    escalation: null,
    returnWindowDays: null,
    ...extra,
  });
  return MESSAGE_TYPES.flatMap((type) => [
    rule(type, "dispatch", limits.dispatchWorkingDays),
    rule(type, "acknowledge", limits.acknowledgeWorkingDays, { returnWindowDays: limits.returnWindowDays }),
    rule(type, "reply", limits.replyWorkingDays[type], {
      extensionCapDays: limits.extensionCapDays,
      maxExtensions: limits.maxExtensions,
      escalation: limits.escalation,
      returnWindowDays: limits.returnWindowDays,
    }),
    rule(type, "rating", limits.ratingCalendarDays),
  ]);
}

/** The rows a city file puts in each configuration table. */
export function cityRows(city: CityFile, now: string) {
  const office = city.departments.find((d) => d.kind === "office");
  if (!office) throw new Error("a city file names its platform office (validated by CityFile)");
  return {
    regions: city.regions.map((r): typeof t.regions.$inferInsert => ({
      code: r.code,
      name: r.name,
      nameEn: r.nameEn ?? null,
      parentCode: r.parent ?? null,
    })),
    departments: city.departments.map((d): typeof t.departments.$inferInsert => ({
      id: d.id,
      name: d.name,
      nameEn: d.nameEn ?? null,
      shortName: d.shortName ?? null,
      kind: d.kind,
      parentId: d.kind === "office" ? null : (d.supervisedBy ?? office.id),
      regionCode: d.region,
      ...(d.head && { headName: d.head.name, headTitle: d.head.title }),
    })),
    addressees: city.mailboxes.map((m): typeof t.addressees.$inferInsert => ({
      code: m.code,
      name: m.name,
      nameEn: m.nameEn ?? null,
      departmentId: m.department,
    })),
    categories: city.categories.map((c): typeof t.categories.$inferInsert => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn ?? null,
    })),
    routingRules: city.dispatch.map((r): typeof desk.routingRules.$inferInsert => ({
      category: r.category,
      regionCode: r.region,
      departmentId: r.department,
      updatedAt: now,
    })),
    timeLimitRules: timeLimitRows(city.timeLimits),
    evaluatorGroups: city.evaluatorGroups.map((g): typeof evaluation.evaluatorGroups.$inferInsert => ({ ...g })),
    spokespeople: city.spokespeople.map((s) => ({
      username: s.username ?? `${s.department}-spokesperson`,
      displayName: s.name,
      publicTitle: s.title,
      departmentId: s.department,
    })),
  };
}
export type CityRows = ReturnType<typeof cityRows>;

/**
 * Departments the database has but the file no longer lists, that still hold open cases: loading
 * is refused while any exist (their cases would have nobody to answer them).
 */
export function removedButBusy(city: CityFile, openCasesByDepartment: { id: string; open: number }[]) {
  const listed = new Set(city.departments.map((d) => d.id));
  return openCasesByDepartment.filter((d) => !listed.has(d.id) && d.open > 0);
}
