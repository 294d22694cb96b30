import type { Context } from "hono";
import { Hono } from "hono";
import { loadMeta } from "../../../../shared/db/case-queries";
import { DomainError } from "../../../../shared/domain/errors";
import type { CaseSubmission } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError } from "../../../../shared/http/errors";
import { formValidator } from "../../../../shared/http/form-validator";
import { checkReferences, enforceRateLimit, submitCase } from "../case-submission";
import { derivedFormKey, FIELD_MESSAGES, formProblems, postedValues, SubmitForm, tokenOf } from "../form-submission";
import { formErrorsAsPages } from "../pages/form-error";
import { ReceiptPage } from "../pages/receipt-page";
import { type FormValues, SubmitPage } from "../pages/submit-page";
import { formEncoded, URLENCODED } from "./form-post";

/** The plain HTML form (/submit): our own page, and partner sites that post the same fields here. */
export const submitForm = new Hono<{ Bindings: IntakeEnv }>();
type Ctx = Context<{ Bindings: IntakeEnv }>;

submitForm.get("/", async (c) => {
  const meta = await loadMeta(c.env.DB, undefined, true);
  return c.html(
    <SubmitPage
      meta={meta}
      formToken={crypto.randomUUID()}
      values={{ isPublic: "true", notifySms: "true" }}
      errors={{}}
      generalErrors={[]}
    />,
  );
});

/** The submission as the form shows it, to fill it in again. */
const valuesOf = ({ notifyBy, ...s }: CaseSubmission): FormValues => ({
  ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "true" : "") : v])),
  notifySms: notifyBy?.includes("sms") ? "true" : "",
  notifyEmail: notifyBy?.includes("email") ? "true" : "",
});

submitForm.post(
  "/",
  formErrorsAsPages,
  limitBody,
  formEncoded(URLENCODED, "multipart/form-data"),
  async (c, next) => {
    await enforceRateLimit(
      c.env.SUBMIT_LIMITER,
      clientIp((n) => c.req.header(n)),
    );
    await next();
  },
  formValidator(SubmitForm, async (c: Ctx, fieldErrors, posted) => {
    const values = postedValues(posted);
    const { errors, generalErrors } = formProblems(fieldErrors, posted);
    // Report unknown region / mailbox / category in the same round as the other field errors.
    const refs = await checkReferences(c.env.DB, {
      regionCode: values.regionCode ?? "",
      addressee: values.addressee || undefined,
      category: values.category || undefined,
    });
    const page = (
      <SubmitPage
        meta={await loadMeta(c.env.DB, undefined, true)}
        formToken={tokenOf(posted)}
        values={values}
        errors={{ ...Object.fromEntries(refs.map((i) => [i.path, FIELD_MESSAGES[i.path] ?? i.message])), ...errors }}
        generalErrors={generalErrors}
      />
    );
    return c.html(page, 400);
  }),
  async (c) => {
    const { formToken, ...submission } = c.req.valid("form");
    const ip = clientIp((n) => c.req.header(n));
    try {
      const { receipt } = await submitCase(c.env, {
        scope: "form",
        channel: "form",
        idempotencyKey: formToken ?? derivedFormKey(ip, submission, Date.now()),
        submission,
      });
      c.header("Cache-Control", "no-store");
      return c.html(<ReceiptPage receipt={receipt} />, 200);
    } catch (error) {
      if (error instanceof ApiError && error.code === "validation_failed") {
        const errors = Object.fromEntries(
          (error.issues ?? []).map((i) => [i.path, FIELD_MESSAGES[i.path] ?? i.message]),
        );
        const page = (
          <SubmitPage
            meta={await loadMeta(c.env.DB, undefined, true)}
            formToken={formToken ?? crypto.randomUUID()}
            values={valuesOf(submission)}
            errors={errors}
            generalErrors={[]}
          />
        );
        return c.html(page, 400);
      }
      if (error instanceof DomainError && error.code === "idempotency_conflict") {
        // The token was spent on a different message: issue a fresh one so the citizen can resend.
        const page = (
          <SubmitPage
            meta={await loadMeta(c.env.DB, undefined, true)}
            formToken={crypto.randomUUID()}
            values={valuesOf(submission)}
            errors={{}}
            generalErrors={["此表单已提交过其他内容，请确认后重新提交。"]}
          />
        );
        return c.html(page, 422);
      }
      throw error;
    }
  },
);
