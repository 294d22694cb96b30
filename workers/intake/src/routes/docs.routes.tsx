import type { OpenAPIHono } from "@hono/zod-openapi";
import { RANKINGS_CSV_ROUTE, RANKINGS_ROUTE } from "../../../../shared/http/rankings.route";
import { ApiReferencePage } from "../pages/api-reference-page";

const DOC_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Wenzheng 网络问政 API",
    version: "1.0.0",
    description: "Submit messages and follow cases. Errors: { error: { code, message, issues? } }.",
  },
};

/** Serves the OpenAPI document generated from the route schemas, and a reference page over it. */
export function mountDocs(app: OpenAPIHono<{ Bindings: IntakeEnv }>): void {
  // Served by the evaluation Worker through intake's forwarding, documented here with the rest.
  app.openAPIRegistry.registerPath(RANKINGS_ROUTE);
  app.openAPIRegistry.registerPath(RANKINGS_CSV_ROUTE);
  app.doc31("/api/v1/openapi.json", DOC_CONFIG);
  app.get("/api/v1/docs", (c) => c.html(<ApiReferencePage doc={app.getOpenAPI31Document(DOC_CONFIG)} />));
}
