import * as z from "zod";
import { MESSAGE_TYPES } from "./case-model";

const CN_MOBILE = /^1[3-9]\d{9}$/;
/** A mainland China mobile number, as the form and the API take it. */
export const MobilePhone = z.string().trim().regex(CN_MOBILE, "中国大陆手机号，11 位 / a mainland China mobile number");
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);

/**
 * What a citizen or partner sends (DESIGN.md §5). Strict: unknown or mass-assigned fields such as
 * `status` or `departmentId` are refused, not ignored.
 */
export const CaseSubmission = z
  .strictObject({
    type: z
      .enum(MESSAGE_TYPES)
      .meta({ description: "consult 咨询, suggest 建议, help 求助, complaint 投诉, report 举报, thanks 感谢" }),
    title: z.string().trim().min(5).max(100).refine(noControl, "控制字符不允许 / control characters are not allowed"),
    body: z.string().trim().min(10).max(4000).refine(noControl, "控制字符不允许 / control characters are not allowed"),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, "GB/T 2260 six-digit code")
      .meta({ example: "620802" }),
    address: z.string().trim().max(200).optional(),
    addressee: z.string().trim().max(32).optional().meta({ description: "leader mailbox code from /api/v1/meta" }),
    category: z.string().trim().max(32).optional(),
    name: z.string().trim().min(1).max(40).optional(),
    phone: MobilePhone,
    email: z.email().max(120).optional(),
    isPublic: z.boolean(),
    notifyBy: z
      .array(z.enum(["sms", "email"]))
      .max(2)
      .optional()
      .meta({
        description: "channels to be told on about this message: SMS unless said otherwise; e-mail needs `email`",
      }),
  })
  .meta({ id: "CaseSubmission" });
export type CaseSubmission = z.infer<typeof CaseSubmission>;

/** Idempotency keys must be long enough to be random: two citizens must not collide by accident. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{16,128}$/, "16–128 characters: letters, digits, _ . : -");

export const Receipt = z
  .object({
    trackingNo: z.string().meta({ example: "7Q3M9X1KTB2C" }),
    queryCode: z.string().meta({ description: "secret: give it only to the citizen" }),
    receiptHash: z.string().meta({ description: "SHA-256 of the case's first event" }),
    status: z.literal("submitted"),
    submittedAt: z.string(),
  })
  .meta({ id: "Receipt" });
export type Receipt = z.infer<typeof Receipt>;

export interface Petitioner {
  name: string | null;
  phone: string;
  email: string | null;
  /** The channels the petitioner opted in to; absent in cases from before the choice existed (SMS only). */
  notifyBy?: ("sms" | "email")[];
}

export function petitionerOf(s: CaseSubmission): Petitioner {
  const notifyBy = [...new Set(s.notifyBy ?? (["sms"] as const))].filter((c) => c === "sms" || s.email);
  return { name: s.name ?? null, phone: s.phone, email: s.email ?? null, notifyBy };
}
