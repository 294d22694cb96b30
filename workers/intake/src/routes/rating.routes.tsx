import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { caseRecord } from "../../../../shared/case-record/client";
import type { CaseRecordRow } from "../../../../shared/db/case-queries";
import { RATINGS, RESOLUTIONS } from "../../../../shared/domain/case-model";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { IdempotencyKey } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { throwOnInvalid } from "../../../../shared/http/errors";
import { ownCase } from "../own-case";
import { ErrorBody } from "./openapi-shared";

/**
 * The citizen's answer to a published reply (评价) and their one redo request (重办), as JSON for
 * partners (the forms on the citizen's own case page: citizen-forms.routes.tsx). Both need the query
 * code and go through the case's durable object like every other change; an idempotency key makes a
 * retry land once.
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

export async function asCitizen(env: IntakeEnv, row: CaseRecordRow, key: string, command: CaseCommand) {
  // A refusal (already rated, window closed…) leaves as the DomainError's own status and code.
  return caseRecord(env, row.caseId).execute({
    idempotencyKey: `citizen:${command.name}:${key}`,
    actor: { role: "citizen" },
    command,
  });
}

for (const path of ["/:trackingNo/rating", "/:trackingNo/redo"]) ratingApi.use(path, limitBody);

const rateRoute = createRoute({
  method: "post",
  path: "/{trackingNo}/rating",
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
  path: "/{trackingNo}/redo",
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
