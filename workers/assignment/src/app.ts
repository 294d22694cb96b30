import { Hono } from "hono";
import { contextStorage } from "hono/context-storage";
import { limitBody } from "../../../shared/http/body-limit";
import { notFound, onError } from "../../../shared/http/errors";
import { securityHeaders } from "../../../shared/http/security-headers";
import { keepLanguage } from "../../../shared/ui/keep-language";
import { admin } from "./desk/admin.routes";
import { auditLogPage } from "./desk/audit.routes";
import { signIn, signOut } from "./desk/auth.routes";
import { clocksAdmin } from "./desk/clocks-admin.routes";
import { consoleAssets, staffAssets } from "./desk/console-assets.routes";
import { caseDesk } from "./desk/desk.routes";
import { evaluation } from "./desk/evaluation.routes";
import { evaluationSettings } from "./desk/evaluation-settings.routes";
import { failedWork } from "./desk/failed-work.routes";
import { interviewDesk } from "./desk/interviews.routes";
import { notices } from "./desk/notices.routes";
import { password } from "./desk/password.routes";
import { profile } from "./desk/profile.routes";
import { queues } from "./desk/queues.routes";
import { security } from "./desk/security.routes";
import { type DeskEnv, requireCsrf, requireStaff } from "./desk/session";
import { structureAdmin } from "./desk/structure.routes";
import { topics } from "./desk/topics.routes";
import { verify } from "./desk/verify.routes";
import { widgetOriginsAdmin } from "./desk/widget-origins.routes";

/** The staff console, reached through intake's `/console/*` (one public origin for everything). */
export const app = new Hono<DeskEnv>();
app.use(contextStorage(), keepLanguage); // pages read the request's language (?lang=en); redirects keep it
app.use(securityHeaders("none"));
app.route("/console/assets", consoleAssets); // public and cacheable: before the no-store below and the sign-in check
app.use("/console/*", async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store"); // staff pages hold personal data
});
// Every console form, sign-in included, before anything reads its body.
app.post("/console/*", limitBody);
app.route("/console/login", signIn);

// Everything below needs a session, and every form posted after sign-in the session's CSRF token.
app.use("/console/*", requireStaff);
app.post("/console/*", requireCsrf);
app.route("/console/logout", signOut);
app.route("/console/assets", staffAssets);
app.route("/console/verify", verify);
app.route("/console/password", password);
app.route("/console/security", security);
app.route("/console/profile", profile);
app.route("/console", queues);
app.route("/console/cases", caseDesk);
app.route("/console/notices", notices);
app.route("/console/interviews", interviewDesk); // 在线访谈: schedule, moderate, answer
app.route("/console/admin/clocks", clocksAdmin);
app.route("/console/admin/widget-origins", widgetOriginsAdmin);
app.route("/console/admin/failed-work", failedWork);
app.route("/console/admin/structure", structureAdmin);
app.route("/console/admin/audit", auditLogPage);
app.route("/console/admin", admin);
app.route("/console/evaluation/settings", evaluationSettings);
app.route("/console/evaluation/topics", topics);
app.route("/console/evaluation", evaluation);
app.onError(onError);
app.notFound(notFound);
