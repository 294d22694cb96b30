import * as z from "zod";
import { ROLES } from "../../../../shared/domain/case-model";
import { formText } from "../../../../shared/http/form-validator";

/** What the admin forms may send; strict, so extra fields are refused. */
const base = { _csrf: z.string(), _key: formText(z.string().optional()) };

export const RoutingRuleForm = z.strictObject({
  ...base,
  category: formText(z.string().min(1).max(32)),
  regionCode: formText(z.union([z.literal("*"), z.string().regex(/^\d{6}$/)])),
  departmentId: formText(z.string().min(1).max(64)),
});

export const WordForm = z.strictObject({ ...base, word: formText(z.string().min(2).max(20)) });

export const UserForm = z.strictObject({
  ...base,
  username: formText(z.string().regex(/^[a-z0-9][a-z0-9._-]{2,47}$/, "3–48 个小写字母、数字、点、横线")),
  displayName: formText(z.string().min(1).max(40)),
  role: formText(
    z.enum(ROLES.filter((r) => !["citizen", "partner", "system"].includes(r)) as ["dispatcher", ...string[]]),
  ),
  departmentId: formText(z.string().min(1).max(64)),
  publicTitle: formText(z.string().max(80).optional()),
  // Not trimmed: a password is what was typed.
  password: z.string().min(10, "至少 10 位").max(128),
});

export const ApiKeyForm = z.strictObject({ ...base, partnerName: formText(z.string().min(2).max(60)) });

/** A partner's quota: submissions a minute (0 stops the key's submissions without revoking it). */
export const ApiKeyQuotaForm = z.strictObject({
  ...base,
  id: formText(z.string().min(1).max(128)),
  quotaPerMinute: formText(z.coerce.number().int().min(0).max(100_000)),
});

export const IdForm = z.strictObject({ ...base, id: formText(z.string().min(1).max(128)) });

export const RuleKeyForm = z.strictObject({
  ...base,
  category: formText(z.string().min(1).max(32)),
  regionCode: formText(z.string().min(1).max(6)),
});
