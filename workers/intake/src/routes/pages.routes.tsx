import { Hono } from "hono";
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { accountabilityRecords } from "../../../../shared/db/desk-schema";
import { NoticesPage } from "../pages/notices-page";
import { departmentNames, findCaseByTrackingNo, getDb, listCaseEvents, recentPublicCases } from "../../../../shared/db/case-queries";
import { cases, departments, users } from "../../../../shared/db/schema";
import { CASE_STATUSES, type CaseStatus } from "../../../../shared/domain/case-model";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { ApiError } from "../../../../shared/http/errors";
import { limitBody } from "../../../../shared/http/body-limit";
import { citizenView, publicView } from "../case-views";
import { enforceRateLimit } from "../case-submission";
import { clientIp } from "../../../../shared/http/client-ip";
import { CasePage } from "../pages/case-page";
import { formErrorsAsPages } from "../pages/form-error";
import { HomePage } from "../pages/home-page";
import { LookupPage } from "../pages/lookup-page";
import { SITE_CSS } from "../pages/site-css";
import { SpokespeoplePage } from "../pages/spokespeople-page";
import { queryCodeMatches } from "./cases.routes";

export const pages = new Hono<{ Bindings: IntakeEnv }>();

pages.get("/assets/site.css", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(SITE_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});

pages.get("/", async (c) => {
  const d = getDb(c.env.DB);
  const [recent, counts, deptNames] = await Promise.all([
    recentPublicCases(c.env.DB, 30),
    d.select({ status: cases.status, n: count() }).from(cases).groupBy(cases.status),
    departmentNames(c.env.DB),
  ]);
  const inLifecycleOrder = counts.sort((a, b) => CASE_STATUSES.indexOf(a.status as CaseStatus) - CASE_STATUSES.indexOf(b.status as CaseStatus));
  return c.html(<HomePage recent={recent} counts={inLifecycleOrder} deptNames={deptNames} />);
});

pages.get("/cases/:trackingNo", async (c) => {
  const trackingNo = normalizeTrackingNo(c.req.param("trackingNo"));
  const row = trackingNo ? await findCaseByTrackingNo(c.env.DB, trackingNo) : null;
  if (!row) return c.html(<LookupPage error="没有找到这个留言编号，请核对后重试。" />, 404);
  const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
  return c.html(<CasePage view={publicView(row, events, names)} own={false} />);
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
  // Public names and titles only: the allow-list of what a spokesperson's account shows.
  const rows = await getDb(c.env.DB)
    .select({ department: departments.name, name: users.displayName, title: users.publicTitle })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.role, "spokesperson"), isNull(users.disabledAt)))
    .orderBy(asc(departments.kind), asc(departments.id));
  c.header("Cache-Control", "public, max-age=300");
  return c.html(<SpokespeoplePage entries={rows} />);
});

pages.post("/lookup", formErrorsAsPages, limitBody, async (c) => {
  if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    throw new ApiError(415, "unsupported_media_type", "Post this form as application/x-www-form-urlencoded.");
  }
  const form = await c.req.parseBody();
  const rawTracking = typeof form.trackingNo === "string" ? form.trackingNo : "";
  const queryCode = typeof form.queryCode === "string" ? form.queryCode.trim() : "";
  const trackingNo = normalizeTrackingNo(rawTracking);
  if (!trackingNo) return c.html(<LookupPage error="留言编号格式不正确，请核对后重试。" trackingNo={rawTracking} />, 400);
  if (!queryCode) return c.redirect(`/cases/${trackingNo}`, 303);
  await enforceRateLimit(c.env.LOOKUP_LIMITER, clientIp((n) => c.req.header(n)));
  const row = await findCaseByTrackingNo(c.env.DB, trackingNo);
  if (!row || !queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
    return c.html(<LookupPage error="留言编号或查询码不正确。" trackingNo={rawTracking} />, 403);
  }
  const [events, names] = await Promise.all([listCaseEvents(c.env.DB, row.caseId), departmentNames(c.env.DB)]);
  c.header("Cache-Control", "no-store");
  return c.html(<CasePage view={citizenView(row, events, names)} own={true} forms={{ queryCode, errors: {}, values: {} }} />);
});
