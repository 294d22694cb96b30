import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import * as z from "zod";
import { departmentNames, listCaseEvents, loadMeta } from "../../../../shared/db/case-queries";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { portalLang, text } from "../../../../shared/ui/i18n";
import { CaseVerification, verifyCase } from "../case-verification";
import { publicView } from "../case-views";
import { CasePage } from "../pages/case-page";
import { LookupPage } from "../pages/lookup-page";
import { VerifyPage } from "../pages/verify-page";
import { findPublicCase } from "../public-queries";
import { ErrorBody } from "./openapi-shared";

/** The public case page, and the check of its hash chain as a page (under /cases) and as JSON (under /api/v1/cases). */
export const casePages = new Hono<{ Bindings: IntakeEnv }>();
export const caseVerifyApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

async function publicCase(db: D1Database, raw: string) {
  const trackingNo = normalizeTrackingNo(raw);
  return trackingNo ? findPublicCase(db, trackingNo) : null;
}

casePages.get("/:trackingNo", async (c) => {
  const row = await publicCase(c.env.DB, c.req.param("trackingNo"));
  if (!row) return c.html(<LookupPage error={text(portalLang()).lookupNotFound} />, 404);
  const [events, deptNames, meta] = await Promise.all([
    listCaseEvents(c.env.DB, row.caseId),
    departmentNames(c.env.DB),
    loadMeta(c.env.DB),
  ]);
  const names = {
    category: meta.categories.find((x) => x.code === row.category)?.name,
    region: meta.regions.find((x) => x.code === row.regionCode)?.name,
  };
  return c.html(<CasePage view={publicView(row, events, deptNames)} own={false} names={names} />);
});

casePages.get("/:trackingNo/verify", async (c) => {
  const row = await publicCase(c.env.DB, c.req.param("trackingNo"));
  if (!row) return c.html(<LookupPage error={text(portalLang()).lookupNotFound} />, 404);
  c.header("Cache-Control", "no-store");
  return c.html(<VerifyPage result={await verifyCase(c.env, row)} />);
});

const verifyRoute = createRoute({
  method: "get",
  path: "/{trackingNo}/verify",
  summary: "Walks the case's hash-chained event log and checks it against the receipt hash",
  request: { params: z.object({ trackingNo: z.string().min(8).max(24).meta({ example: "7Q3M9X1KTB2C" }) }) },
  responses: {
    200: {
      description: "The verdict: valid, or the first record that does not hold",
      content: { "application/json": { schema: CaseVerification } },
    },
    404: { description: "No such case", content: { "application/json": { schema: ErrorBody } } },
  },
});

caseVerifyApi.openapi(verifyRoute, async (c) => {
  const row = await publicCase(c.env.DB, c.req.valid("param").trackingNo);
  if (!row) throw new ApiError(404, "not_found", "No case has this tracking number.");
  c.header("Cache-Control", "no-store");
  return c.json(await verifyCase(c.env, row), 200);
});
