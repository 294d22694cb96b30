import * as z from "zod";
import { canonicalJson, sha256Hex } from "../../../shared/domain/hash-chain";
import { CaseSubmission } from "../../../shared/domain/submission.schema";
import type { FormValues } from "./pages/submit-page";

const SUBMISSION_FIELDS = Object.keys(CaseSubmission.shape);
const OPTIONAL_FIELDS = new Set(["address", "addressee", "category", "name", "email"]);

/** zh-CN messages beside each field; the JSON API keeps zod's own wording. */
export const FIELD_MESSAGES: Record<string, string> = {
  type: "请选择留言类型",
  title: "标题需 5–100 字",
  body: "内容需 10–4000 字",
  regionCode: "请选择所在区县",
  address: "地址不超过 200 字",
  addressee: "请选择有效的领导信箱",
  category: "请选择有效的分类",
  name: "姓名不超过 40 字",
  phone: "请填写 11 位中国大陆手机号",
  email: "邮箱格式不正确",
  isPublic: "请选择是否公开",
};

export const FormToken = z.uuid();

export type FormParse =
  | { ok: true; submission: CaseSubmission; values: FormValues; formToken: string | null }
  | {
      ok: false;
      values: FormValues;
      errors: Record<string, string>;
      generalErrors: string[];
      formToken: string | null;
    };

/**
 * Turns a form post into a submission. Empty optional fields mean "not given"; an unchecked
 * consent box means "not public"; unknown or repeated fields are refused like in the JSON API.
 */
export function parseForm(body: Record<string, string | File | (string | File)[]>): FormParse {
  const values: FormValues = {};
  const generalErrors: string[] = [];
  let formToken: string | null = null;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== "string") {
      generalErrors.push(`字段 ${key.slice(0, 40)} 格式不正确`);
    } else if (key === "formToken") {
      formToken = FormToken.safeParse(value).success ? value : null;
      if (formToken === null) generalErrors.push("表单已失效，请重新提交");
    } else if (SUBMISSION_FIELDS.includes(key)) {
      values[key] = value;
    } else {
      generalErrors.push(`不接受的字段：${key.slice(0, 40)}`);
    }
  }
  const candidate: Record<string, unknown> = { isPublic: ["true", "on", "1"].includes(values.isPublic ?? "") };
  for (const [key, value] of Object.entries(values)) {
    if (key === "isPublic" || value === undefined) continue;
    if (OPTIONAL_FIELDS.has(key) && value.trim() === "") continue;
    candidate[key] = value;
  }
  const parsed = CaseSubmission.safeParse(candidate);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      errors[field] = FIELD_MESSAGES[field] ?? issue.message;
    }
  }
  if (!parsed.success || generalErrors.length) return { ok: false, values, errors, generalErrors, formToken };
  return { ok: true, submission: parsed.data, values, formToken };
}

/**
 * A partner's static form has no one-time token. Its key is the client, the content and a
 * ten-minute window, so a double click or a refresh lands on the same case.
 */
export function derivedFormKey(clientIp: string, submission: CaseSubmission, now: number): string {
  const window = Math.floor(now / 600_000);
  return `derived:${sha256Hex(canonicalJson({ clientIp, submission, window }))}`;
}
