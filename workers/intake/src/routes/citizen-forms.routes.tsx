import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod";
import { type CaseRecordRow, departmentNames, listCaseEvents } from "../../../../shared/db/case-queries";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { DomainError } from "../../../../shared/domain/errors";
import { limitBody } from "../../../../shared/http/body-limit";
import { ApiError } from "../../../../shared/http/errors";
import { type FieldErrors, formValidator, type PostedForm } from "../../../../shared/http/form-validator";
import { text } from "../../../../shared/ui/i18n";
import { citizenView } from "../case-views";
import { optOut } from "../optout-queries";
import { ownCase } from "../own-case";
import { CasePage } from "../pages/case-page";
import type { CitizenForms } from "../pages/citizen-forms";
import { formErrorsAsPages } from "../pages/form-error";
import { formEncoded, URLENCODED } from "./form-post";
import { asCitizen, RatingBody, RedoBody } from "./rating.routes";

/** The rating (评价) and redo (重办) forms on the citizen's own case page, under /cases/:trackingNo. */
export const citizenForms = new Hono<{ Bindings: IntakeEnv }>();
type Ctx = Context<{ Bindings: IntakeEnv }>;

/** The hidden fields that carry the citizen's access; without them the page cannot be shown again. */
const Access = { queryCode: z.string().trim().min(1).max(32), formKey: z.string().min(16).max(64) };
const RatingForm = RatingBody.extend({
  ...Access,
  // A blank comment is no comment.
  comment: z.preprocess((v) => v || undefined, RatingBody.shape.comment),
});
const RedoForm = RedoBody.extend(Access);

const FIELD_MESSAGES: Record<string, string> = {
  resolution: "请选择问题是否已解决。",
  rating: "请选择满意程度。",
  comment: "评价意见最多 500 字。",
  reason: "请填写申请重办的理由（2 到 500 字）。",
};

const REFUSALS: Record<string, string> = {
  already_rated: "这条答复已经评价过了。",
  rating_window_closed: "评价期限已过，案件已办结。",
  redo_used: "本案已重办过一次，如仍有问题可重新留言。",
  not_dissatisfied: "只有评价为“不满意”后才能申请重办。",
  invalid_transition: "案件当前状态不能进行此操作。",
};

/** The posted text fields other than the hidden ones, to fill the form again. */
function shownValues(posted: PostedForm): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(posted))
    if (typeof value === "string" && name !== "queryCode" && name !== "formKey") values[name] = value;
  return values;
}

/** The citizen's own page again, with a notice or the reasons; no-store, as it holds the query code. */
async function ownPage(c: Ctx, row: CaseRecordRow, forms: CitizenForms, status: 200 | 400 | 409) {
  const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
  c.header("Cache-Control", "no-store");
  return c.html(<CasePage view={citizenView(row, events, names)} own={true} forms={forms} />, status);
}

/** A field the person can fix: the page again with one message per field. A missing hidden field cannot be fixed there. */
async function rerender(c: Ctx, errors: FieldErrors, posted: PostedForm) {
  const queryCode = Access.queryCode.safeParse(posted.queryCode);
  if (!queryCode.success || errors.formKey !== undefined)
    throw new ApiError(400, "validation_failed", "The form is incomplete; open your case again with the query code.");
  // The query code opens the case (rate-limited) before any field's message is shown.
  const row = await ownCase(c, c.req.param("trackingNo") ?? "", queryCode.data);
  const shown = Object.fromEntries(Object.entries(errors).map(([field, m]) => [field, FIELD_MESSAGES[field] ?? m]));
  return ownPage(c, row, { queryCode: queryCode.data, errors: shown, values: shownValues(posted) }, 400);
}

async function run(c: Ctx, access: { queryCode: string; formKey: string }, command: CaseCommand, notice: string) {
  const row = await ownCase(c, c.req.param("trackingNo") ?? "", access.queryCode);
  const { name: _, ...fields } = command;
  const values = Object.fromEntries(
    Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const forms: CitizenForms = { queryCode: access.queryCode, errors: {}, values };
  try {
    await asCitizen(c.env, row, access.formKey, command);
    return ownPage(c, row, { ...forms, notice, done: true }, 200);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return ownPage(c, row, { ...forms, errors: { form: REFUSALS[error.code] ?? error.message } }, 409);
  }
}

const posting = [formErrorsAsPages, limitBody, formEncoded(URLENCODED)] as const;

citizenForms.post("/:trackingNo/rating", ...posting, formValidator(RatingForm, rerender), (c) => {
  const { queryCode, formKey, ...rating } = c.req.valid("form");
  return run(c, { queryCode, formKey }, { name: "rate", ...rating }, "感谢您的评价，评价结果将计入承办单位的考核。");
});

const StopForm = z.looseObject(Access);

/** The citizen asks for no more notifications: their phone and e-mail go on the opt-out list, once. */
citizenForms.post("/:trackingNo/notifications/stop", ...posting, formValidator(StopForm, rerender), async (c) => {
  const { queryCode } = c.req.valid("form");
  const row = await ownCase(c, c.req.param("trackingNo") ?? "", queryCode);
  await optOut(c.env.DB, [
    { channel: "sms", address: row.petitionerPhone },
    ...(row.petitionerEmail ? [{ channel: "email", address: row.petitionerEmail }] : []),
  ]);
  const forms: CitizenForms = { queryCode, errors: {}, values: {}, stopped: true, notice: text("zh").stoppedNotice };
  return ownPage(c, row, forms, 200);
});

citizenForms.post("/:trackingNo/redo", ...posting, formValidator(RedoForm, rerender), (c) => {
  const { queryCode, formKey, ...redo } = c.req.valid("form");
  return run(c, { queryCode, formKey }, { name: "reopen", ...redo }, "已申请重办，案件将交回承办单位重新办理。");
});
