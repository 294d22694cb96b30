import { OpenAPIHono } from "@hono/zod-openapi";
import { secureHeaders } from "hono/secure-headers";
import { notFound, onError, validationError } from "../../../shared/http/errors";
import { casesApi } from "./routes/cases.routes";
import { demo } from "./routes/demo.routes";
import { mountDocs } from "./routes/docs.routes";
import { metaApi } from "./routes/meta.routes";
import { pages } from "./routes/pages.routes";
import { submitForm } from "./routes/submit.routes";

export { CaseRecord } from "./case-record.do";

const app = new OpenAPIHono<{ Bindings: IntakeEnv }>({
  defaultHook: (result) => {
    if (!result.success) throw validationError(result.error);
  },
});

app.use(
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", "data:"], frameAncestors: ["'self'"] },
  }),
);
app.route("/", casesApi);
app.route("/", metaApi);
app.route("/", submitForm);
app.route("/", pages);
app.route("/", demo);
mountDocs(app);
app.onError(onError);
app.notFound(notFound);

export default { fetch: app.fetch } satisfies ExportedHandler<IntakeEnv>;
