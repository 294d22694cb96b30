import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import * as z from "zod";
import { departmentNames, findCaseByTrackingNo, listCaseEvents } from "../../../../shared/db/case-queries";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { CaseSubmission, IdempotencyKey, Receipt } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { enforceRateLimit, submitCase } from "../case-submission";
import { citizenView, publicView } from "../case-views";
import { queryCodeMatches } from "../own-case";
import { findPartnerKey, submitWithinQuota } from "../partner-keys";
import { findPublicCase } from "../public-queries";
import { ErrorBody } from "./openapi-shared";

export const casesApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

const submitRoute = createRoute({
  method: "post",
  path: "/",
  summary: "Submit a message (留言)",
  request: {
    headers: z.object({
      "idempotency-key": IdempotencyKey.meta({
        description: "Retrying with the same key and body returns the same receipt",
      }),
      "x-api-key": z.string().optional().meta({ description: "Partner channel key" }),
    }),
    body: { required: true, content: { "application/json": { schema: CaseSubmission } } },
  },
  responses: {
    201: { description: "Case created", content: { "application/json": { schema: Receipt } } },
    200: {
      description: "Replay of an earlier submission with the same key: the identical receipt",
      content: { "application/json": { schema: Receipt } },
    },
    400: { description: "Validation failed", content: { "application/json": { schema: ErrorBody } } },
    413: { description: "Body over 64 KB", content: { "application/json": { schema: ErrorBody } } },
    415: { description: "Not JSON", content: { "application/json": { schema: ErrorBody } } },
    422: {
      description: "Idempotency key reused with a different body",
      content: { "application/json": { schema: ErrorBody } },
    },
    429: {
      description: "Too many submissions from this client (citizens), or the API key's quota a minute is used up",
      content: { "application/json": { schema: ErrorBody } },
    },
  },
});

casesApi.use("/", limitBody);
// Citizens are limited per client address; a partner (with an API key) by its own quota below,
// so a partner's server forwarding many readers' messages is not throttled as one citizen.
casesApi.use("/", async (c, next) => {
  if (c.req.method === "POST" && c.req.header("x-api-key") === undefined)
    await enforceRateLimit(
      c.env.SUBMIT_LIMITER,
      clientIp((n) => c.req.header(n)),
    );
  await next();
});

casesApi.openapi(submitRoute, async (c) => {
  const headers = c.req.valid("header");
  const apiKey = headers["x-api-key"];
  if (apiKey === undefined) {
    const { receipt, replayed } = await submitCase(c.env, {
      scope: "api",
      channel: "api",
      idempotencyKey: headers["idempotency-key"],
      submission: c.req.valid("json"),
    });
    return c.json(receipt, replayed ? 200 : 201);
  }
  const partner = await findPartnerKey(c.env.DB, apiKey);
  if (!partner) throw new ApiError(401, "invalid_api_key", "The API key is unknown or revoked.");
  const request = {
    scope: `partner:${partner.id}`,
    channel: "partner" as const,
    partnerId: partner.id,
    idempotencyKey: headers["idempotency-key"],
    submission: c.req.valid("json"),
  };
  const { receipt, replayed } = await submitWithinQuota(c.env, partner, request);
  return c.json(receipt, replayed ? 200 : 201);
});

const TrackingParams = z.object({ trackingNo: z.string().min(8).max(24).meta({ example: "7Q3M9X1KTB2C" }) });

const viewRoute = createRoute({
  method: "get",
  path: "/{trackingNo}",
  summary: "A case's public view; with X-Query-Code, the citizen's own full view",
  request: {
    params: TrackingParams,
    headers: z.object({ "x-query-code": z.string().max(32).optional() }),
  },
  responses: {
    200: { description: "The case", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
    403: { description: "Wrong query code", content: { "application/json": { schema: ErrorBody } } },
    404: { description: "No such case", content: { "application/json": { schema: ErrorBody } } },
  },
});

casesApi.openapi(viewRoute, async (c) => {
  const trackingNo = normalizeTrackingNo(c.req.valid("param").trackingNo);
  const queryCode = c.req.valid("header")["x-query-code"];
  // The same URL answers two views: no cache may hand one for the other, nor keep the citizen's.
  c.header("Vary", "X-Query-Code");
  if (queryCode !== undefined) c.header("Cache-Control", "private, no-store");
  if (queryCode !== undefined)
    await enforceRateLimit(
      c.env.LOOKUP_LIMITER,
      clientIp((n) => c.req.header(n)),
    );
  if (queryCode === undefined) {
    // Without the query code only the public columns are read at all.
    const row = trackingNo ? await findPublicCase(c.env.DB, trackingNo) : null;
    if (!row) throw new ApiError(404, "not_found", "No case has this tracking number.");
    const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
    return c.json(publicView(row, events, names), 200);
  }
  const row = trackingNo ? await findCaseByTrackingNo(c.env.DB, trackingNo) : null;
  if (!row) throw new ApiError(404, "not_found", "No case has this tracking number.");
  const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
  if (!queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
    throw new ApiError(403, "query_code_invalid", "The query code does not match this case.");
  }
  return c.json(citizenView(row, events, names), 200);
});
