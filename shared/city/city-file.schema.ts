import * as z from "zod";
import { MESSAGE_TYPES } from "../domain/case-model";

/**
 * A city's structure as its IT officer writes it (`cities/*.yaml`, loaded with `npm run city`):
 * everything the platform needs before the first message arrives, nothing about cases or people's
 * passwords. Ids are the city's own stable slugs; renaming is editing `name`, never the id.
 */

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use lower-case letters, digits and hyphens");
/** GB/T 2260 administrative division code: six digits. */
export const RegionCode = z.string().regex(/^\d{6}$/, "a GB/T 2260 code is six digits");
export const Name = z.string().trim().min(1).max(80);
export const EnglishName = z.string().trim().min(1).max(120).optional();
const WorkingDays = z.number().int().min(0).max(365);

/** office: the platform office (网络问政办); leader_office: a leader's mailbox office. */
export const DEPARTMENT_KINDS = ["office", "municipal", "county", "leader_office"] as const;

/** A category code: a slug, or the snake_case codes the demo city's labels use. */
export const CategoryCode = Slug.or(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/));

const Region = z.strictObject({ code: RegionCode, name: Name, nameEn: EnglishName, parent: RegionCode.optional() });

const Department = z.strictObject({
  id: Slug,
  name: Name,
  nameEn: EnglishName,
  shortName: Name.optional(),
  kind: z.enum(DEPARTMENT_KINDS),
  region: RegionCode,
  /** The department whose supervision office oversees this one; the platform office by default. */
  supervisedBy: Slug.optional(),
  /** Who answers for the department (负责人), shown on its public page. */
  head: z.strictObject({ name: Name, title: Name }).optional(),
});

const Category = z.strictObject({
  code: CategoryCode,
  name: Name,
  nameEn: EnglishName,
});

/** One line of the 派单目录: a category's messages from a region go to a department ("*": every region). */
const DispatchRule = z.strictObject({
  category: z.string(),
  region: z.string().regex(/^(\d{6}|\*)$/, "a GB/T 2260 code is six digits (or * for every region)"),
  department: Slug,
});

const Mailbox = z.strictObject({ code: Slug, name: Name, nameEn: EnglishName, department: Slug });

const Spokesperson = z.strictObject({
  department: Slug,
  /** Their sign-in name; defaults to `<department>-spokesperson`. */
  username: Slug.optional(),
  name: Name,
  /** The public title printed under every reply they publish. */
  title: Name,
});

const Escalation = z.strictObject({
  remind50: z.number().min(0).max(1),
  remind75: z.number().min(0).max(1),
  urge: z.number().min(0).max(2),
  superviseAfterWorkingDays: WorkingDays,
  noticeAfterWorkingDays: WorkingDays,
});

const TimeLimits = z.strictObject({
  dispatchWorkingDays: WorkingDays,
  acknowledgeWorkingDays: WorkingDays,
  /** Reply limit per message type in working days; null: no reply limit (感谢). */
  replyWorkingDays: z.strictObject(
    Object.fromEntries(MESSAGE_TYPES.map((t) => [t, WorkingDays.nullable()])) as Record<
      (typeof MESSAGE_TYPES)[number],
      z.ZodNullable<typeof WorkingDays>
    >,
  ),
  ratingCalendarDays: WorkingDays,
  returnWindowDays: WorkingDays,
  extensionCapDays: WorkingDays,
  maxExtensions: z.number().int().min(0).max(5),
  escalation: Escalation,
});

const EvaluatorGroup = z.strictObject({ id: Slug, name: Name, weight: z.number().min(0).max(1) });

export const CityFile = z
  .strictObject({
    city: z.strictObject({ name: Name, nameEn: EnglishName, region: RegionCode }),
    regions: z.array(Region).min(1),
    departments: z.array(Department).min(1),
    categories: z.array(Category).min(1),
    dispatch: z.array(DispatchRule).default([]),
    mailboxes: z.array(Mailbox).default([]),
    spokespeople: z.array(Spokesperson).default([]),
    timeLimits: TimeLimits,
    evaluatorGroups: z.array(EvaluatorGroup).default([]),
  })
  .superRefine((city, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message, input: undefined });
    const unique = <T>(list: T[], key: (t: T) => string, field: string, what: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) problem([what, i, field], `"${k}" is listed twice`);
        seen.add(k);
      });
      return seen;
    };
    const regions = unique(city.regions, (r) => r.code, "code", "regions");
    const departments = unique(city.departments, (d) => d.id, "id", "departments");
    const categories = unique(city.categories, (c) => c.code, "code", "categories");
    unique(city.mailboxes, (m) => m.code, "code", "mailboxes");
    unique(city.dispatch, (r) => `${r.category} × ${r.region}`, "category", "dispatch");
    unique(city.evaluatorGroups, (g) => g.id, "id", "evaluatorGroups");
    if (!regions.has(city.city.region)) problem(["city", "region"], `no region ${city.city.region} in regions`);
    city.regions.forEach((r, i) => {
      if (r.parent && !regions.has(r.parent)) problem(["regions", i, "parent"], `no region ${r.parent}`);
    });
    const offices = city.departments.filter((d) => d.kind === "office");
    if (offices.length !== 1)
      problem(
        ["departments"],
        `exactly one department of kind "office" (the platform office), found ${offices.length}`,
      );
    city.departments.forEach((d, i) => {
      if (!regions.has(d.region)) problem(["departments", i, "region"], `no region ${d.region}`);
      if (d.supervisedBy && !departments.has(d.supervisedBy))
        problem(["departments", i, "supervisedBy"], `no department ${d.supervisedBy}`);
    });
    city.dispatch.forEach((r, i) => {
      if (!categories.has(r.category)) problem(["dispatch", i, "category"], `no category ${r.category}`);
      if (r.region !== "*" && !regions.has(r.region)) problem(["dispatch", i, "region"], `no region ${r.region}`);
      if (!departments.has(r.department)) problem(["dispatch", i, "department"], `no department ${r.department}`);
    });
    city.mailboxes.forEach((m, i) => {
      if (!departments.has(m.department)) problem(["mailboxes", i, "department"], `no department ${m.department}`);
    });
    city.spokespeople.forEach((s, i) => {
      if (!departments.has(s.department)) problem(["spokespeople", i, "department"], `no department ${s.department}`);
    });
    const weights = city.evaluatorGroups.reduce((sum, g) => sum + g.weight, 0);
    if (city.evaluatorGroups.length > 0 && Math.abs(weights - 1) > 1e-9)
      problem(["evaluatorGroups"], `the groups' weights add up to ${weights}, not 1`);
  });
export type CityFile = z.infer<typeof CityFile>;
