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

/** The form's check boxes for notifications, made into `notifyBy`. */
const NOTIFY_FIELDS = ["notifyChoice", "notifySms", "notifyEmail"];
const TEXT_FIELDS = new Set([...SUBMISSION_FIELDS, ...NOTIFY_FIELDS, "formToken"]);

/**
 * The form as posted, made into what the JSON API takes: a blank optional field is "not given", the
 * consent box is a boolean. Anything else (unknown fields, files, repeated fields) stays as posted,
 * for the schema to refuse.
 */
function fromForm(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const checked = (key: string) => ["true", "on", "1"].includes(String(Reflect.get(body, key) ?? ""));
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "isPublic" || (OPTIONAL_FIELDS.has(key) && typeof value === "string" && value.trim() === "")) continue;
    candidate[key] = value;
  }
  candidate.isPublic = checked("isPublic");
  // The notification boxes, when the form offered them (notifyChoice); a form without them keeps the default.
  for (const key of NOTIFY_FIELDS) delete candidate[key];
  if (Reflect.has(body, "notifyChoice"))
    candidate.notifyBy = [...(checked("notifySms") ? ["sms"] : []), ...(checked("notifyEmail") ? ["email"] : [])];
  return candidate;
}

/** The submit form: the JSON API's submission, the form's one-time token, and no other field. */
export const SubmitForm = z.preprocess(
  fromForm,
  CaseSubmission.extend({ formToken: FormToken.optional() }).catchall(
    z.custom(() => false, { message: "unknown field" }),
  ),
);

/**
 * The validator's field errors as the page shows them: zh-CN messages beside the fields, and the
 * form-wide ones (a stale token, a field that is not text, a field the form does not have) above.
 */
export function formProblems(
  errors: Record<string, string>,
  posted: Record<string, unknown>,
): { errors: Record<string, string>; generalErrors: string[] } {
  const fields: Record<string, string> = {};
  const generalErrors: string[] = [];
  const notText = new Set(Object.keys(posted).filter((key) => typeof posted[key] !== "string"));
  for (const key of notText) generalErrors.push(`字段 ${key.slice(0, 40)} 格式不正确`);
  for (const [key, message] of Object.entries(errors)) {
    // A required field that is not text is missing too; anything else not text is said once, above.
    if (notText.has(key) && (OPTIONAL_FIELDS.has(key) || !SUBMISSION_FIELDS.includes(key))) continue;
    if (key === "formToken") generalErrors.push("表单已失效，请重新提交");
    else if (!TEXT_FIELDS.has(key)) generalErrors.push(`不接受的字段：${key.slice(0, 40)}`);
    else fields[key] = FIELD_MESSAGES[key] ?? message;
  }
  return { errors: fields, generalErrors };
}

/** The posted text fields of the submission, to fill the form again. */
export function postedValues(posted: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(posted))
    if (typeof value === "string" && (SUBMISSION_FIELDS.includes(key) || NOTIFY_FIELDS.includes(key)))
      values[key] = value;
  return values;
}

/** A valid token is kept (a resend lands on the same case); otherwise the page gets a fresh one. */
export function tokenOf(posted: Record<string, unknown>): string {
  const token = FormToken.safeParse(posted.formToken);
  return token.success ? token.data : crypto.randomUUID();
}

/**
 * A partner's static form has no one-time token. Its key is the client, the content and a
 * ten-minute window, so a double click or a refresh lands on the same case.
 */
export function derivedFormKey(clientIp: string, submission: CaseSubmission, now: number): string {
  const window = Math.floor(now / 600_000);
  return `derived:${sha256Hex(canonicalJson({ clientIp, submission, window }))}`;
}
