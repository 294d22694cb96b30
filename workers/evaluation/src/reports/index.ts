import { OpenAPIHono } from "@hono/zod-openapi";
import { contextStorage } from "hono/context-storage";
import { notFound, onError, throwOnInvalid } from "../../../../shared/http/errors";
import { securityHeaders } from "../../../../shared/http/security-headers";
import { keepLanguage } from "../../../../shared/ui/keep-language";
import { assets } from "./assets.routes";
import { rankingsApi } from "./rankings.routes";
import { reportPages } from "./report.routes";

/**
 * The evaluation Worker's public face, reached through intake's service binding (one origin):
 * the monthly report pages and their assets, and the rankings API. It sets its own security
 * headers, as strict as the portal's; the rankings API additionally allows any origin to read it.
 */
export const reports = new OpenAPIHono<{ Bindings: EvaluationEnv }>({ defaultHook: throwOnInvalid });

reports.use(contextStorage(), keepLanguage); // the report reads the request's language (?lang=en); redirects keep it
reports.use(securityHeaders("self", { overwrite: false }));
reports.route("/api/v1", rankingsApi);
reports.route("/reports/assets", assets);
reports.route("/reports", reportPages);
reports.onError(onError);
reports.notFound(notFound);
