import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import * as z from "zod";
import { departmentNames, listCaseEvents } from "../../../../shared/db/case-queries";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { ApiError } from "../../../../shared/http/errors";
import { Period } from "../../../../shared/scoring/rankings.schema";
import { publicView } from "../case-views";
import { WidgetPage } from "../pages/widget-page";
import { findPublicCase } from "../public-queries";
import { loadScoreboard } from "../widget/scoreboard";
import { ScoreboardPage } from "../widget/scoreboard-page";
import { WIDGET_CSS } from "../widget/widget-css";
import { allowedFrameOrigins, frameAncestors } from "../widget/widget-origins";
import { WIDGET_SCRIPT } from "../widget/widget-script";
import { widgetLang, widgetTheme } from "../widget/widget-text";
import { WidgetView, widgetView } from "../widget/widget-view";
import { ErrorBody } from "./openapi-shared";

/**
 * The widgets for partner sites — a case's reply status and a unit's monthly scoreboard: the status
 * JSON (CORS open to every origin, no credentials; the scoreboard reads the public rankings API),
 * /widget.js, its stylesheet, and the iframe pages whose frame-ancestors come from `widget_origins`.
 * Mounted before the portal's secureHeaders, which would refuse cross-origin use of these resources.
 */
export const widgetApi = new OpenAPIHono<{ Bindings: IntakeEnv }>();
export const widgetScript = new Hono<{ Bindings: IntakeEnv }>();
export const widgetFrames = new Hono<{ Bindings: IntakeEnv }>();

const LIVE = "public, max-age=15, stale-while-revalidate=60";
const ASSET = "public, max-age=300";

const embeddable = secureHeaders({
  crossOriginResourcePolicy: "cross-origin",
  crossOriginOpenerPolicy: false,
  xFrameOptions: false,
  referrerPolicy: "no-referrer",
  overwrite: false,
});
// A 304 keeps the CORS headers, or a partner's browser would refuse it.
const retainedHeaders = [
  ...RETAINED_304_HEADERS,
  "access-control-allow-origin",
  "access-control-expose-headers",
  "content-security-policy",
];
widgetApi.use(
  "/*",
  embeddable,
  cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["If-None-Match"],
    exposeHeaders: ["ETag"],
    maxAge: 86400,
  }),
  etag({ retainedHeaders }),
);
widgetScript.use("/*", embeddable, etag({ retainedHeaders }));
widgetFrames.use("/*", embeddable, etag({ retainedHeaders }));

/** The case's widget view, or null when the number is malformed or unknown. */
async function loadView(db: D1Database, raw: string): Promise<WidgetView | null> {
  const trackingNo = normalizeTrackingNo(raw);
  const row = trackingNo ? await findPublicCase(db, trackingNo) : null;
  if (!row) return null;
  const [events, names] = await Promise.all([listCaseEvents(db, row.caseId), departmentNames(db)]);
  return widgetView(publicView(row, events, names));
}

widgetApi.get("/cases/:trackingNo", async (c) => {
  const view = await loadView(c.env.DB, c.req.param("trackingNo"));
  if (!view) throw new ApiError(404, "not_found", "No case has this tracking number.");
  c.header("Cache-Control", LIVE);
  return c.json(view, 200);
});

widgetApi.openAPIRegistry.registerPath({
  method: "get",
  path: "/cases/{trackingNo}",
  summary: "A case's widget view for partner pages: state, department, reply deadline, published reply, rating",
  description: "CORS open to every origin (no credentials). Strong ETag; If-None-Match answers 304. Cached 15 s.",
  request: { params: z.object({ trackingNo: z.string().meta({ example: "7Q3M9X1KTB2C" }) }) },
  responses: {
    200: { description: "The widget view", content: { "application/json": { schema: WidgetView } } },
    304: { description: "Unchanged since the ETag in If-None-Match" },
    404: {
      description: "No case has this (or a malformed) tracking number",
      content: { "application/json": { schema: ErrorBody } },
    },
  },
});

widgetScript.get("/", (c) => {
  c.header("Cache-Control", ASSET);
  return c.body(WIDGET_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
});

widgetFrames.get("/widget.css", (c) => {
  c.header("Cache-Control", ASSET);
  return c.body(WIDGET_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
});

const framePolicy = (origins: string[]) =>
  `default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors(origins)}`;

widgetFrames.get("/cases/:trackingNo", async (c) => {
  const [view, origins] = await Promise.all([
    loadView(c.env.DB, c.req.param("trackingNo")),
    allowedFrameOrigins(c.env.DB),
  ]);
  c.header("Content-Security-Policy", framePolicy(origins));
  c.header("Cache-Control", view ? LIVE : "no-store");
  return c.html(
    WidgetPage({ view, lang: widgetLang(c.req.query("lang")), theme: widgetTheme(c.req.query("theme")) }),
    view ? 200 : 404,
  );
});

// The scoreboard iframe: a unit's month (?period=YYYY-MM; without one, or a malformed one, the
// current Beijing month or the one before), like the script widget's data-scoreboard mode.
widgetFrames.get("/scoreboard/:kind/:unitId", async (c) => {
  const kind = c.req.param("kind");
  const period = Period.safeParse(c.req.query("period")).data ?? null;
  const [board, origins] = await Promise.all([
    kind === "department" || kind === "county"
      ? loadScoreboard(c.env.DB, kind, c.req.param("unitId"), period, new Date())
      : null,
    allowedFrameOrigins(c.env.DB),
  ]);
  c.header("Content-Security-Policy", framePolicy(origins));
  c.header("Cache-Control", board ? LIVE : "no-store");
  return c.html(
    ScoreboardPage({ board, lang: widgetLang(c.req.query("lang")), theme: widgetTheme(c.req.query("theme")) }),
    board ? 200 : 404,
  );
});
