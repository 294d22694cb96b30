import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { caseRecord } from "../../../../shared/case-record/client";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { IdempotencyKey, MobilePhone } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { enforceRateLimit } from "../case-submission";
import { caseIdByTrackingNo } from "../public-queries";
import { ErrorBody } from "./openapi-shared";

/**
 * 附议: a citizen with the same problem as a public case says so instead of writing it again. One
 * count per phone per case, decided by the case's durable object (which keeps only a keyed digest
 * of the phone); limited per client address like submissions, on a budget of its own.
 */
export const supportApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

export const SupportBody = z.strictObject({
  phone: MobilePhone.meta({ description: "The supporter's mobile number: counted once per case, never shown" }),
});
const Supporters = z.object({ supporters: z.int() }).meta({ id: "Supporters" });
const errors = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });

supportApi.use("/:trackingNo/support", limitBody);
supportApi.use("/:trackingNo/support", async (c, next) => {
  await enforceRateLimit(c.env.SUBMIT_LIMITER, `support:${clientIp((n) => c.req.header(n))}`);
  await next();
});

const supportRoute = createRoute({
  method: "post",
  path: "/{trackingNo}/support",
  summary: "Support (附议) a public case: I have the same problem",
  request: {
    params: z.object({ trackingNo: z.string().min(8).max(24) }),
    headers: z.object({
      "idempotency-key": IdempotencyKey.meta({ description: "Retrying with the same key returns the first answer" }),
    }),
    body: { content: { "application/json": { schema: SupportBody } }, required: true },
  },
  responses: {
    200: {
      description: "The count after this support (unchanged for a phone already counted)",
      content: { "application/json": { schema: Supporters } },
    },
    400: errors("Invalid phone"),
    404: errors("No public case has this tracking number"),
    409: errors("Closed (not_supportable), or merged into another case (case_merged)"),
    413: errors("Body over 64 KB"),
    422: errors("Idempotency key reused with another phone"),
    429: errors("Too many requests from this client"),
  },
});

supportApi.openapi(supportRoute, async (c) => {
  const trackingNo = normalizeTrackingNo(c.req.valid("param").trackingNo);
  const caseId = trackingNo ? await caseIdByTrackingNo(c.env.DB, trackingNo) : null;
  if (!caseId) throw new ApiError(404, "not_found", "No case has this tracking number.");
  const { supporters } = await caseRecord(c.env, caseId).support({
    idempotencyKey: c.req.valid("header")["idempotency-key"],
    phone: c.req.valid("json").phone,
  });
  return c.json({ supporters }, 200);
});
