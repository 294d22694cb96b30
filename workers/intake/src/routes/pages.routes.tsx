import { desc, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import {
  departmentNames,
  findCaseByTrackingNo,
  getDb,
  listCaseEvents,
  loadMeta,
} from "../../../../shared/db/case-queries";
import { accountabilityRecords } from "../../../../shared/db/desk-schema";
import { cases, departments } from "../../../../shared/db/schema";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { limitBody } from "../../../../shared/http/body-limit";
import { clientIp } from "../../../../shared/http/client-ip";
import { ApiError } from "../../../../shared/http/errors";
import { localHref, portalLang, text } from "../../../../shared/ui/i18n";
import { enforceRateLimit } from "../case-submission";
import { citizenView } from "../case-views";
import { CasePage } from "../pages/case-page";
import { formErrorsAsPages } from "../pages/form-error";
import { HomePage } from "../pages/home-page";
import { LookupPage } from "../pages/lookup-page";
import { NoticesPage } from "../pages/notices-page";
import { SITE_CSS } from "../pages/site-css";
import { SpokespeoplePage } from "../pages/spokespeople-page";
import {
  cityCounters,
  currentPeriod,
  latestReplies,
  limitsByType,
  publicDepartments,
  spokespeopleOf,
} from "../public-queries";
import { queryCodeMatches } from "./cases.routes";

/** The portal's home, the look-up with the query code, spokespeople and 通报. */
export const pages = new Hono<{ Bindings: IntakeEnv }>();

pages.get("/assets/site.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(SITE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});

pages.get("/", async (c) => {
  const period = currentPeriod();
  const [counters, limits, replies, departmentList, meta] = await Promise.all([
    cityCounters(c.env.DB, period),
    limitsByType(c.env.DB),
    latestReplies(c.env.DB, 5),
    publicDepartments(c.env.DB),
    loadMeta(c.env.DB),
  ]);
  const names = {
    departments: new Map(departmentList.map((d) => [d.id, d.name])),
    regions: new Map(meta.regions.map((r) => [r.code, r.name])),
  };
  c.header("Cache-Control", "public, max-age=60");
  return c.html(<HomePage period={period} counters={counters} limits={limits} replies={replies} names={names} />);
});

pages.get("/lookup", (c) => c.html(<LookupPage />));

pages.get("/notices", async (c) => {
  const notices = await getDb(c.env.DB)
    .select({
      // A non-public case is named by department and stage only: its tracking number is not enumerable.
      trackingNo: sql<string | null>`case when ${cases.isPublic} then ${accountabilityRecords.trackingNo} end`,
      department: departments.name,
      stage: accountabilityRecords.stage,
      dueAt: accountabilityRecords.dueAt,
      recordedAt: accountabilityRecords.recordedAt,
    })
    .from(accountabilityRecords)
    .innerJoin(cases, eq(cases.caseId, accountabilityRecords.caseId))
    .leftJoin(departments, eq(departments.id, accountabilityRecords.departmentId))
    .orderBy(desc(accountabilityRecords.recordedAt))
    .limit(200);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<NoticesPage notices={notices} />);
});

pages.get("/spokespeople", async (c) => {
  const rows = await spokespeopleOf(c.env.DB);
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<SpokespeoplePage entries={rows} />);
});

pages.post("/lookup", formErrorsAsPages, limitBody, async (c) => {
  if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    throw new ApiError(415, "unsupported_media_type", "Post this form as application/x-www-form-urlencoded.");
  }
  const t = text(portalLang());
  const form = await c.req.parseBody();
  const rawTracking = typeof form.trackingNo === "string" ? form.trackingNo : "";
  const queryCode = typeof form.queryCode === "string" ? form.queryCode.trim() : "";
  const trackingNo = normalizeTrackingNo(rawTracking);
  if (!trackingNo) return c.html(<LookupPage error={t.lookupBadFormat} trackingNo={rawTracking} />, 400);
  if (!queryCode) return c.redirect(localHref(`/cases/${trackingNo}`, portalLang()), 303);
  await enforceRateLimit(
    c.env.LOOKUP_LIMITER,
    clientIp((n) => c.req.header(n)),
  );
  // The citizen's own view: the one portal read of the whole row, behind the query code.
  const row = await findCaseByTrackingNo(c.env.DB, trackingNo);
  if (!row || !queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
    return c.html(<LookupPage error={t.lookupWrongCode} trackingNo={rawTracking} />, 403);
  }
  const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
  c.header("Cache-Control", "no-store");
  return c.html(
    <CasePage view={citizenView(row, events, names)} own={true} forms={{ queryCode, errors: {}, values: {} }} />,
  );
});
