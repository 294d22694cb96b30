import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { caseRecord } from "../../../../shared/case-record/client";
import {
  type CaseRecordRow,
  departmentNames,
  findCaseByTrackingNo,
  listCaseEvents,
} from "../../../../shared/db/case-queries";
import { RATINGS, RESOLUTIONS } from "../../../../shared/domain/case-model";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { DomainError } from "../../../../shared/domain/errors";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { IdempotencyKey } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError, issuesOf, throwOnInvalid } from "../../../../shared/http/errors";
import { enforceRateLimit } from "../case-submission";
import { citizenView } from "../case-views";
import { CasePage, type CitizenForms } from "../pages/case-page";
import { formErrorsAsPages } from "../pages/form-error";
import { queryCodeMatches } from "./cases.routes";
import { ErrorBody } from "./openapi-shared";

/**
 * The citizen's answer to a published reply (评价) and their one redo request (重办), as JSON for
 * partners and as forms on the citizen's own case page. Both need the query code and go through
 * the case's durable object like every other change; an idempotency key makes a retry land once.
 */
export const ratingApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

export const RatingBody = z.strictObject({
  resolution: z.enum(RESOLUTIONS).meta({ description: "Was the problem solved: solved, partly_solved, not_solved" }),
  rating: z.enum(RATINGS).meta({ description: "satisfied, basically_satisfied or dissatisfied" }),
  comment: z.string().trim().max(500).optional(),
});
export const RedoBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

const Outcome = z.object({ status: z.string(), seq: z.int() }).meta({ id: "CommandOutcome" });
const citizenHeaders = z.object({
  "idempotency-key": IdempotencyKey.meta({ description: "Retrying with the same key returns the first result" }),
  "x-query-code": z.string().min(1).max(32),
});
const TrackingParams = z.object({ trackingNo: z.string().min(8).max(24) });
const refusals = {
  400: { description: "Invalid body", content: { "application/json": { schema: ErrorBody } } },
  403: { description: "Wrong query code", content: { "application/json": { schema: ErrorBody } } },
  404: { description: "No such case", content: { "application/json": { schema: ErrorBody } } },
  409: {
    description: "Not possible in the case's state (not replied, already rated, window closed, redo used)",
    content: { "application/json": { schema: ErrorBody } },
  },
};

/** The case, if the query code opens it; rate-limited like every query-code look-up. */
async function ownCase(
  c: Context<{ Bindings: IntakeEnv }>,
  rawTrackingNo: string,
  queryCode: string,
): Promise<CaseRecordRow> {
  await enforceRateLimit(
    c.env.LOOKUP_LIMITER,
    clientIp((n) => c.req.header(n)),
  );
  const trackingNo = normalizeTrackingNo(rawTrackingNo);
  const row = trackingNo ? await findCaseByTrackingNo(c.env.DB, trackingNo) : null;
  if (!row) throw new ApiError(404, "not_found", "No case has this tracking number.");
  if (!queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
    throw new ApiError(403, "query_code_invalid", "The query code does not match this case.");
  }
  return row;
}

async function asCitizen(env: IntakeEnv, row: CaseRecordRow, key: string, command: CaseCommand) {
  // A refusal (already rated, window closed…) leaves as the DomainError's own status and code.
  return caseRecord(env, row.caseId).execute({
    idempotencyKey: `citizen:${command.name}:${key}`,
    actor: { role: "citizen" },
    command,
  });
}

const rateRoute = createRoute({
  method: "post",
  path: "/api/v1/cases/{trackingNo}/rating",
  summary: "The citizen rates the published reply: solved or not, and how satisfied",
  request: {
    params: TrackingParams,
    headers: citizenHeaders,
    body: { content: { "application/json": { schema: RatingBody } }, required: true },
  },
  responses: { 200: { description: "Rated", content: { "application/json": { schema: Outcome } } }, ...refusals },
});

ratingApi.openapi(rateRoute, async (c) => {
  const headers = c.req.valid("header");
  const row = await ownCase(c, c.req.valid("param").trackingNo, headers["x-query-code"]);
  const outcome = await asCitizen(c.env, row, headers["idempotency-key"], { name: "rate", ...c.req.valid("json") });
  return c.json(outcome, 200);
});

const redoRoute = createRoute({
  method: "post",
  path: "/api/v1/cases/{trackingNo}/redo",
  summary: "A dissatisfied citizen asks once for the case to be handled again (重办)",
  request: {
    params: TrackingParams,
    headers: citizenHeaders,
    body: { content: { "application/json": { schema: RedoBody } }, required: true },
  },
  responses: { 200: { description: "Reopened", content: { "application/json": { schema: Outcome } } }, ...refusals },
});

ratingApi.openapi(redoRoute, async (c) => {
  const headers = c.req.valid("header");
  const row = await ownCase(c, c.req.valid("param").trackingNo, headers["x-query-code"]);
  const outcome = await asCitizen(c.env, row, headers["idempotency-key"], { name: "reopen", ...c.req.valid("json") });
  return c.json(outcome, 200);
});

const FormFields = z.object({ queryCode: z.string().trim().min(1).max(32), formKey: z.string().min(16).max(64) });
const FIELD_MESSAGES: Record<string, string> = {
  resolution: "请选择问题是否已解决。",
  rating: "请选择满意程度。",
  comment: "评价意见最多 500 字。",
  reason: "请填写申请重办的理由（2 到 500 字）。",
};

/** The form posts: on success or refusal, the citizen's own page again, with a notice or the reasons. */
function citizenForm(kind: "rating" | "redo") {
  return async (c: Context<{ Bindings: IntakeEnv }>) => {
    if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
      throw new ApiError(415, "unsupported_media_type", "Post this form as application/x-www-form-urlencoded.");
    }
    const form: Record<string, string> = {};
    for (const [name, value] of Object.entries(await c.req.parseBody()))
      if (typeof value === "string") form[name] = value;
    const guard = FormFields.safeParse(form);
    if (!guard.success)
      throw new ApiError(400, "validation_failed", "The form is incomplete; open your case again with the query code.");
    const row = await ownCase(c, c.req.param("trackingNo") ?? "", guard.data.queryCode);
    const { queryCode: _q, formKey: _k, ...fields } = form;
    const parsed =
      kind === "rating"
        ? RatingBody.safeParse({ ...fields, comment: fields.comment || undefined })
        : RedoBody.safeParse(fields);
    const forms: CitizenForms = { queryCode: guard.data.queryCode, errors: {}, values: fields };
    let status: 200 | 400 | 409 = 200;
    if (!parsed.success) {
      for (const { path, message } of issuesOf(parsed.error)) forms.errors[path] = FIELD_MESSAGES[path] ?? message;
      status = 400;
    } else {
      const command: CaseCommand =
        kind === "rating"
          ? { name: "rate", ...(parsed.data as z.infer<typeof RatingBody>) }
          : { name: "reopen", ...(parsed.data as z.infer<typeof RedoBody>) };
      try {
        await caseRecord(c.env, row.caseId).execute({
          idempotencyKey: `citizen:${command.name}:${guard.data.formKey}`,
          actor: { role: "citizen" },
          command,
        });
        forms.notice =
          kind === "rating"
            ? "感谢您的评价，评价结果将计入承办单位的考核。"
            : "已申请重办，案件将交回承办单位重新办理。";
        forms.done = true;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        forms.errors.form = REFUSALS[error.code] ?? error.message;
        status = 409;
      }
    }
    const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
    c.header("Cache-Control", "no-store");
    return c.html(<CasePage view={citizenView(row, events, names)} own={true} forms={forms} />, status);
  };
}

const REFUSALS: Record<string, string> = {
  already_rated: "这条答复已经评价过了。",
  rating_window_closed: "评价期限已过，案件已办结。",
  redo_used: "本案已重办过一次，如仍有问题可重新留言。",
  not_dissatisfied: "只有评价为“不满意”后才能申请重办。",
  invalid_transition: "案件当前状态不能进行此操作。",
};

ratingApi.post("/cases/:trackingNo/rating", formErrorsAsPages, limitBody, citizenForm("rating"));
ratingApi.post("/cases/:trackingNo/redo", formErrorsAsPages, limitBody, citizenForm("redo"));
