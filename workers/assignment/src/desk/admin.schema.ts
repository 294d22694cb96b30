import * as z from "zod";
import { ROLES } from "../../../../shared/domain/case-model";

/** What the admin forms may send; strict, so extra fields are refused. */
const base = { _csrf: z.string(), _key: z.string().optional() };

export const RoutingRuleForm = z.strictObject({
  ...base,
  category: z.string().min(1).max(32),
  regionCode: z.union([z.literal("*"), z.string().regex(/^\d{6}$/)]),
  departmentId: z.string().min(1).max(64),
});

export const WordForm = z.strictObject({ ...base, word: z.string().trim().min(2).max(20) });

export const UserForm = z.strictObject({
  ...base,
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,47}$/, "3–48 个小写字母、数字、点、横线"),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES.filter((r) => !["citizen", "partner", "system"].includes(r)) as ["dispatcher", ...string[]]),
  departmentId: z.string().min(1).max(64),
  publicTitle: z.string().trim().max(80).optional(),
  password: z.string().min(10, "至少 10 位").max(128),
});

export const ApiKeyForm = z.strictObject({ ...base, partnerName: z.string().trim().min(2).max(60) });

export const IdForm = z.strictObject({ ...base, id: z.string().min(1).max(128) });

export const RuleKeyForm = z.strictObject({
  ...base,
  category: z.string().min(1).max(32),
  regionCode: z.string().min(1).max(6),
});

/** Form bodies arrive as strings; an empty optional field means "not given". */
export function formObject(body: Record<string, string | File | (string | File)[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && v !== "") out[k] = v;
  return out;
}
