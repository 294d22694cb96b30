import { Hono } from "hono";
import { notFound, onError } from "../../../shared/http/errors";
import { securityHeaders } from "../../../shared/http/security-headers";
import { CaseIntakeMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { receiveCase } from "./case-intake.consumer";
import { classifierAdvice } from "./classifier-advice";
import { admin } from "./desk/admin.routes";
import { auth } from "./desk/auth.routes";
import { consoleAssets } from "./desk/console-assets.routes";
import { desk } from "./desk/desk.routes";
import { evaluation } from "./desk/evaluation.routes";
import type { DeskEnv } from "./desk/session";
import { widgetOriginsAdmin } from "./desk/widget-origins.routes";

/** The staff console, reached through intake's `/console/*` (one public origin for everything). */
const app = new Hono<DeskEnv>();
app.use(securityHeaders("none"));
app.route("/", consoleAssets); // public and cacheable: before the no-store below and the sign-in check
app.use("/console/*", async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store"); // staff pages hold personal data
});
app.route("/", auth);
app.route("/", desk);
app.route("/", admin);
app.route("/", widgetOriginsAdmin);
app.route("/", evaluation);
app.onError(onError);
app.notFound(notFound);

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    const advice = await classifierAdvice(env.DB);
    await consumeEach(batch, {
      schema: CaseIntakeMessage,
      deadLetters: env.DEAD_LETTERS,
      handle: (m) => receiveCase(env, m, new Date(), advice),
    });
  },
} satisfies ExportedHandler<AssignmentEnv>;
