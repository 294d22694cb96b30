import { OpenAPIHono } from "@hono/zod-openapi";
import { contextStorage } from "hono/context-storage";
import { notFound, onError, throwOnInvalid } from "../../../shared/http/errors";
import { securityHeaders } from "../../../shared/http/security-headers";
import { demo } from "./demo/demo.routes";
import { open311 } from "./open311/open311.routes";
import { board } from "./routes/board.routes";
import { casePages, caseVerifyApi } from "./routes/case-pages.routes";
import { casesApi } from "./routes/cases.routes";
import { citizenForms } from "./routes/citizen-forms.routes";
import { deliveryReports } from "./routes/delivery-reports.routes";
import { departmentPages } from "./routes/departments.routes";
import { devOutbox } from "./routes/dev-outbox.routes";
import { mountDocs } from "./routes/docs.routes";
import { health } from "./routes/health.routes";
import { importApi } from "./routes/import.routes";
import { interviewAssets, interviewPages } from "./routes/interview-pages.routes";
import { interviewLive, interviewsApi } from "./routes/interviews.routes";
import { lookup } from "./routes/lookup.routes";
import { metaApi } from "./routes/meta.routes";
import { home, notices, siteAssets, spokespeople } from "./routes/pages.routes";
import { ratingApi } from "./routes/rating.routes";
import { submitForm } from "./routes/submit.routes";
import { supportApi } from "./routes/support.routes";
import { topics } from "./routes/topics.routes";
import { unsubscribe } from "./routes/unsubscribe.routes";
import { webhooksApi } from "./routes/webhooks.routes";
import { widgetApi, widgetFrames, widgetScript } from "./routes/widget.routes";

/** The public edge's URL map (index.ts serves it, with the widget's memo in front). */
export const app = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

// The staff console is the assignment Worker's, forwarded so everything has one origin. Registered
// before the portal's middleware: it answers with its own headers (frame-ancestors 'none').
app.all("/console", (c) => c.env.CONSOLE.fetch(c.req.raw));
app.all("/console/*", (c) => c.env.CONSOLE.fetch(c.req.raw));
// The monthly report and the rankings API are the evaluation Worker's; it sets its own headers
// (the rankings API is open to every origin).
for (const path of ["/reports", "/reports/*", "/api/v1/rankings", "/api/v1/rankings.csv"])
  app.all(path, (c) => c.env.REPORTS.fetch(c.req.raw));
// A viewer's WebSocket is handed over by the session's object as it is: no header of ours may touch a 101.
app.get("/api/v1/interviews/:id/live", interviewLive);
app.use(contextStorage()); // the portal pages read the request's language (?lang=en) through it
// Nothing is kept by a cache unless its route says so: a response that names no caching (a receipt,
// a form re-rendered with what was typed, the citizen's own pages, an error) may carry personal data.
app.use(async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

// Partner embeds: their own CORS, CORP and frame-ancestors, so before the portal's secureHeaders.
app.route("/api/v1/widget", widgetApi);
app.route("/widget.js", widgetScript);
app.route("/widget", widgetFrames);
app.use(securityHeaders("self"));

// The JSON API (documented at /api/v1/openapi.json).
app.route("/api/v1/cases", casesApi); // submit, view
app.route("/api/v1/cases", ratingApi); // /:trackingNo/rating, /:trackingNo/redo
app.route("/api/v1/cases", caseVerifyApi); // /:trackingNo/verify
app.route("/api/v1/cases", supportApi); // /:trackingNo/support (附议)
app.route("/api/v1/meta", metaApi);
app.route("/api/v1/interviews", interviewsApi); // 在线访谈 (the live feed is mounted above)
app.route("/api/v1/webhooks", webhooksApi);
app.route("/api/v1/notifications/reports", deliveryReports); // SMS providers' delivery reports
app.route("/api/v1/import", importApi); // the operator's board import (npm run import), behind IMPORT_TOKEN
mountDocs(app); // /api/v1/openapi.json, /api/v1/docs
app.route("/open311/v2", open311); // Open311 GeoReport v2 (its own spec and error shape, not in the OpenAPI document)

// The portal's pages.
app.route("/", home);
app.route("/assets", siteAssets);
app.route("/assets", interviewAssets); // interviews.css, interview-live.js
app.route("/submit", submitForm);
app.route("/lookup", lookup);
app.route("/board", board);
app.route("/cases", casePages); // /:trackingNo, /:trackingNo/verify
app.route("/cases", citizenForms); // /:trackingNo/rating, /:trackingNo/redo
app.route("/departments", departmentPages);
app.route("/notices", notices);
app.route("/topics", topics);
app.route("/spokespeople", spokespeople);
app.route("/interviews", interviewPages); // 在线访谈: the list, a session, its question form
app.route("/notifications/unsubscribe", unsubscribe); // the link in every e-mail

app.route("/healthz", health); // uptime checks
app.route("/__demo", demo); // local development only
app.route("/__dev", devOutbox); // local development only: the notifications inbox
app.onError(onError);
app.notFound(notFound);
