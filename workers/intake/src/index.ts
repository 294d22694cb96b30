import { OpenAPIHono } from "@hono/zod-openapi";
import { contextStorage } from "hono/context-storage";
import { notFound, onError, throwOnInvalid } from "../../../shared/http/errors";
import { securityHeaders } from "../../../shared/http/security-headers";
import { board } from "./routes/board.routes";
import { casePages } from "./routes/case-pages.routes";
import { casesApi } from "./routes/cases.routes";
import { demo } from "./routes/demo.routes";
import { departmentPages } from "./routes/departments.routes";
import { mountDocs } from "./routes/docs.routes";
import { metaApi } from "./routes/meta.routes";
import { pages } from "./routes/pages.routes";
import { ratingApi } from "./routes/rating.routes";
import { submitForm } from "./routes/submit.routes";
import { webhooksApi } from "./routes/webhooks.routes";
import { widget } from "./routes/widget.routes";
import { answerFromMemo, keepInMemo, widgetJsonKey } from "./widget/widget-memo";

export { CaseRecord } from "./case-record/case-record.do";

const app = new OpenAPIHono<{ Bindings: IntakeEnv }>({ defaultHook: throwOnInvalid });

// The staff console is the assignment Worker's, forwarded so everything has one origin. Registered
// before the portal's middleware: it answers with its own headers (frame-ancestors 'none').
app.all("/console", (c) => c.env.CONSOLE.fetch(c.req.raw));
app.all("/console/*", (c) => c.env.CONSOLE.fetch(c.req.raw));
// The monthly report and the rankings API are the evaluation Worker's; it sets its own headers
// (the rankings API is open to every origin).
for (const path of ["/reports", "/reports/*", "/api/v1/rankings", "/api/v1/rankings.csv"])
  app.all(path, (c) => c.env.REPORTS.fetch(c.req.raw));
app.use(contextStorage()); // the portal pages read the request's language (?lang=en) through it
app.route("/", widget); // partner embeds: its own CORS, CORP and frame-ancestors, so before secureHeaders
app.use(securityHeaders("self"));
app.route("/", casesApi);
app.route("/", ratingApi);
app.route("/", metaApi);
app.route("/", webhooksApi);
app.route("/", submitForm);
app.route("/", pages);
app.route("/", board);
app.route("/", casePages);
app.route("/", departmentPages);
app.route("/", demo);
mountDocs(app);
app.onError(onError);
app.notFound(notFound);

export default {
  async fetch(request, env, ctx) {
    const key = widgetJsonKey(request);
    if (key === null) return app.fetch(request, env, ctx);
    return (
      answerFromMemo(key, request.headers.get("if-none-match")) ?? keepInMemo(key, await app.fetch(request, env, ctx))
    );
  },
} satisfies ExportedHandler<IntakeEnv>;
