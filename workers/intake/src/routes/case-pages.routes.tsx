import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "zod";
import { caseRecord } from "../../../../shared/case-record/client";
import { departmentNames, listCaseEvents, loadMeta } from "../../../../shared/db/case-queries";
import { DomainError } from "../../../../shared/domain/errors";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { MobilePhone } from "../../../../shared/domain/submission.schema";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError, throwOnInvalid } from "../../../../shared/http/errors";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { enforceRateLimit } from "../case-submission";
import { CaseVerification, verifyCase } from "../case-verification";
import { publicView } from "../case-views";
import { CasePage } from "../pages/case-page";
import { formErrorsAsPages } from "../pages/form-error";
import { LookupPage } from "../pages/lookup-page";
import { SUPPORT_REFUSALS } from "../pages/support-form";
import { VerifyPage } from "../pages/verify-page";
import { findPublicCase } from "../public-queries";
import { formEncoded, URLENCODED } from "./form-post";
import { ErrorBody } from "./openapi-shared";

/** The public case page, and the check of its hash chain as a page (under /cases) and as JSON (under /api/v1/cases). */
export const casePages = new Hono<{ Bindings: IntakeEnv }>();
export const caseVerifyApi = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

async function publicCase(db: D1Database, raw: string) {
  const trackingNo = normalizeTrackingNo(raw);
  return trackingNo ? findPublicCase(db, trackingNo) : null;
}

type PublicRow = NonNullable<Awaited<ReturnType<typeof findPublicCase>>>;

async function casePage(
  c: Context<{ Bindings: IntakeEnv }>,
  row: PublicRow,
  support?: { notice?: string; error?: string; phone?: string },
  status: ContentfulStatusCode = 200,
) {
  const [events, deptNames, meta] = await Promise.all([
    listCaseEvents(c.env.DB, row.caseId),
    departmentNames(c.env.DB),
    loadMeta(c.env.DB),
  ]);
  const names = {
    category: meta.categories.find((x) => x.code === row.category)?.name,
    region: meta.regions.find((x) => x.code === row.regionCode)?.name,
  };
  return c.html(
    <CasePage view={publicView(row, events, deptNames)} own={false} names={names} support={support} />,
    status,
  );
}

casePages.get("/:trackingNo", async (c) => {
  const row = await publicCase(c.env.DB, c.req.param("trackingNo"));
  if (!row) return c.html(<LookupPage error={text(portalLang()).lookupNotFound} />, 404);
  // After a 附议 post (303 here): the count it answered.
  const supported = Number(c.req.query("supported"));
  const notice = Number.isInteger(supported) && supported > 0 ? text(portalLang()).supportDone(supported) : undefined;
  return casePage(c, row, { notice });
});

const SupportForm = z.object({ key: z.string().min(8).max(64), phone: MobilePhone });

/** 附议 from the public page: a form post, answered with the page (PRG on success). */
casePages.post("/:trackingNo/support", formErrorsAsPages, limitBody, formEncoded(URLENCODED), async (c) => {
  const t = text(portalLang());
  const row = await publicCase(c.env.DB, c.req.param("trackingNo"));
  if (!row) return c.html(<LookupPage error={t.lookupNotFound} />, 404);
  const posted = await c.req.parseBody();
  const form = SupportForm.safeParse(posted);
  const phone = typeof posted.phone === "string" ? posted.phone.slice(0, 20) : "";
  if (!form.success) return casePage(c, row, { error: form.error.issues[0]?.message, phone }, 400);
  await enforceRateLimit(c.env.SUBMIT_LIMITER, `support:${clientIp((n) => c.req.header(n))}`);
  try {
    const { supporters } = await caseRecord(c.env, row.caseId).support({
      idempotencyKey: `form:${form.data.key}`,
      phone: form.data.phone,
    });
    return c.redirect(localHref(`/cases/${row.trackingNo}?supported=${supporters}#support`, portalLang()), 303);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return casePage(c, row, { error: SUPPORT_REFUSALS[error.code]?.[portalLang()] ?? error.message }, error.status);
  }
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
