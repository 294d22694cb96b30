import { Hono } from "hono";
import { loadMeta } from "../../../../shared/db/case-queries";
import { DomainError } from "../../../../shared/domain/errors";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError } from "../../../../shared/http/errors";
import { checkReferences, enforceRateLimit, submitCase } from "../case-submission";
import { derivedFormKey, FIELD_MESSAGES, parseForm } from "../form-submission";
import { formErrorsAsPages } from "../pages/form-error";
import { ReceiptPage } from "../pages/receipt-page";
import { type FormValues, SubmitPage } from "../pages/submit-page";

/** The plain HTML form: our own page, and partner sites that post the same fields here. */
export const submitForm = new Hono<{ Bindings: IntakeEnv }>();

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

submitForm.get("/submit", async (c) => {
  const meta = await loadMeta(c.env.DB);
  return c.html(
    <SubmitPage
      meta={meta}
      formToken={crypto.randomUUID()}
      values={{ isPublic: "true" }}
      errors={{}}
      generalErrors={[]}
    />,
  );
});

submitForm.post("/submit", formErrorsAsPages, limitBody, async (c) => {
  const contentType = c.req.header("content-type") ?? "";
  if (!FORM_TYPES.some((t) => contentType.startsWith(t))) {
    throw new ApiError(415, "unsupported_media_type", "Post this form as application/x-www-form-urlencoded.");
  }
  const ip = clientIp((n) => c.req.header(n));
  await enforceRateLimit(c.env.SUBMIT_LIMITER, ip);
  const parsed = parseForm(await c.req.parseBody({ all: true }));
  const formToken = parsed.formToken ?? crypto.randomUUID();

  const again = async (
    values: FormValues,
    errors: Record<string, string>,
    generalErrors: string[],
    status: 400 | 422,
  ) => {
    const meta = await loadMeta(c.env.DB);
    return c.html(
      <SubmitPage meta={meta} formToken={formToken} values={values} errors={errors} generalErrors={generalErrors} />,
      status,
    );
  };
  if (!parsed.ok) {
    // Report unknown region / mailbox / category in the same round as the other field errors.
    const v = parsed.values;
    const refs = await checkReferences(c.env.DB, {
      regionCode: v.regionCode ?? "",
      addressee: v.addressee || undefined,
      category: v.category || undefined,
    });
    const errors = {
      ...Object.fromEntries(refs.map((i) => [i.path, FIELD_MESSAGES[i.path] ?? i.message])),
      ...parsed.errors,
    };
    return again(v, errors, parsed.generalErrors, 400);
  }

  try {
    const { receipt } = await submitCase(c.env, {
      scope: "form",
      channel: "form",
      idempotencyKey: parsed.formToken ?? derivedFormKey(ip, parsed.submission, Date.now()),
      submission: parsed.submission,
    });
    c.header("Cache-Control", "no-store");
    return c.html(<ReceiptPage receipt={receipt} />, 200);
  } catch (error) {
    if (error instanceof ApiError && error.code === "validation_failed") {
      const errors = Object.fromEntries((error.issues ?? []).map((i) => [i.path, FIELD_MESSAGES[i.path] ?? i.message]));
      return again(parsed.values, errors, [], 400);
    }
    if (error instanceof DomainError && error.code === "idempotency_conflict") {
      // The token was spent on a different message: issue a fresh one so the citizen can resend.
      const meta = await loadMeta(c.env.DB);
      const page = (
        <SubmitPage
          meta={meta}
          formToken={crypto.randomUUID()}
          values={parsed.values}
          errors={{}}
          generalErrors={["此表单已提交过其他内容，请确认后重新提交。"]}
        />
      );
      return c.html(page, 422);
    }
    throw error;
  }
});
