import { Hono } from "hono";
import * as z from "zod";
import { departmentNames, findCaseByTrackingNo, listCaseEvents } from "../../../../shared/db/case-queries";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { formValidator } from "../../../../shared/http/form-validator";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { enforceRateLimit } from "../case-submission";
import { citizenView } from "../case-views";
import { queryCodeMatches } from "../own-case";
import { CasePage } from "../pages/case-page";
import { formErrorsAsPages } from "../pages/form-error";
import { LookupPage } from "../pages/lookup-page";
import { formEncoded, URLENCODED } from "./form-post";

/** 查询 (/lookup): the tracking number alone opens the public page; with the query code, the citizen's own view. */
export const lookup = new Hono<{ Bindings: IntakeEnv }>();

const LookupForm = z
  .object({
    // As typed, to show again; a missing field is an empty one.
    trackingNo: z.unknown().transform((v) => (typeof v === "string" ? v : "")),
    // No query code is no error: the public page is what the person gets.
    queryCode: z.unknown().transform((v) => (typeof v === "string" ? v.trim() : "")),
  })
  .transform((form, ctx) => {
    const normalized = normalizeTrackingNo(form.trackingNo);
    if (normalized) return { ...form, normalized };
    ctx.addIssue({ code: "custom", path: ["trackingNo"], message: "bad tracking number" });
    return z.NEVER;
  });

lookup.get("/", (c) => c.html(<LookupPage />));

lookup.post(
  "/",
  formErrorsAsPages,
  limitBody,
  formEncoded(URLENCODED),
  formValidator(LookupForm, (c, _errors, posted) => {
    const raw = typeof posted.trackingNo === "string" ? posted.trackingNo : "";
    return c.html(<LookupPage error={text(portalLang()).lookupBadFormat} trackingNo={raw} />, 400);
  }),
  async (c) => {
    const { trackingNo: typed, normalized: trackingNo, queryCode } = c.req.valid("form");
    if (!queryCode) return c.redirect(localHref(`/cases/${trackingNo}`, portalLang()), 303);
    await enforceRateLimit(
      c.env.LOOKUP_LIMITER,
      clientIp((n) => c.req.header(n)),
    );
    // The citizen's own view: the one portal read of the whole row, behind the query code.
    const row = await findCaseByTrackingNo(c.env.DB, trackingNo);
    if (!row || !queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
      return c.html(<LookupPage error={text(portalLang()).lookupWrongCode} trackingNo={typed} />, 403);
    }
    const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
    c.header("Cache-Control", "no-store");
    return c.html(
      <CasePage view={citizenView(row, events, names)} own={true} forms={{ queryCode, errors: {}, values: {} }} />,
    );
  },
);
