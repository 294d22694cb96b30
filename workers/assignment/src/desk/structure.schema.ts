import * as z from "zod";
import {
  CategoryCode,
  DEPARTMENT_KINDS,
  EnglishName,
  Name,
  RegionCode,
  Slug,
} from "../../../../shared/city/city-file.schema";
import { formText } from "../../../../shared/http/form-validator";

/**
 * The forms of the city-structure pages. Fields are what a city file says of the same thing (one
 * definition of a valid id, code or name), named after the table's columns. Keys are set when a
 * row is created and never edited: old cases and the city file refer to them.
 */
export const STRUCTURE_ENTITIES = ["department", "region", "category", "mailbox", "spokesperson"] as const;
export type StructureEntity = (typeof STRUCTURE_ENTITIES)[number];
export const StructureEntity = z.enum(STRUCTURE_ENTITIES);

const base = { _csrf: z.string(), _key: formText(z.string().optional()) };
const optional = <T extends z.ZodType>(inner: T) => formText(inner.optional());

const department = {
  name: formText(Name),
  nameEn: formText(EnglishName),
  shortName: optional(Name),
  kind: formText(z.enum(DEPARTMENT_KINDS)),
  regionCode: formText(RegionCode),
  /** The department whose supervision office oversees it; blank: the platform office. */
  parentId: optional(Slug),
  headName: optional(Name),
  headTitle: optional(Name),
};
const region = { name: formText(Name), nameEn: formText(EnglishName), parentCode: optional(RegionCode) };
const category = { name: formText(Name), nameEn: formText(EnglishName) };
const mailbox = { name: formText(Name), nameEn: formText(EnglishName), departmentId: formText(Slug) };
const spokesperson = {
  displayName: formText(Name),
  /** The title printed under every reply they publish. */
  publicTitle: formText(Name),
  departmentId: formText(Slug),
};

export const CreateForms = {
  department: z.strictObject({ ...base, id: formText(Slug), ...department }),
  region: z.strictObject({ ...base, code: formText(RegionCode), ...region }),
  category: z.strictObject({ ...base, code: formText(CategoryCode), ...category }),
  mailbox: z.strictObject({ ...base, code: formText(Slug), ...mailbox }),
  spokesperson: z.strictObject({
    ...base,
    username: formText(Slug),
    ...spokesperson,
    // Not trimmed: a password is what was typed.
    password: z.string().min(10, "至少 10 位").max(128),
  }),
} satisfies Record<StructureEntity, z.ZodType>;

export const EditForms = {
  department: z.strictObject({ ...base, ...department }),
  region: z.strictObject({ ...base, ...region }),
  category: z.strictObject({ ...base, ...category }),
  mailbox: z.strictObject({ ...base, ...mailbox }),
  spokesperson: z.strictObject({ ...base, ...spokesperson }),
} satisfies Record<StructureEntity, z.ZodType>;

export const StateForm = z.strictObject(base);
