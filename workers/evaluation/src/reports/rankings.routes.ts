import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { etag, RETAINED_304_HEADERS } from "hono/etag";
import { currentPeriod } from "../../../../shared/clocks/period";
import { monthlyRanking } from "../../../../shared/db/evaluation-queries";
import { throwOnInvalid } from "../../../../shared/http/errors";
import { RANKINGS_CSV_ROUTE, RANKINGS_ROUTE } from "../../../../shared/http/rankings.route";
import { rankingsBody } from "../../../../shared/scoring/rankings.schema";
import { rankingsCsv } from "./rankings-csv";
import { latestPeriod } from "./report-queries";

/**
 * `GET /api/v1/rankings` (DESIGN.md §5) and its CSV twin. Open to every origin without credentials:
 * partners' scoreboard widgets read it from their own pages. Cached five minutes, with an ETag.
 */
export const rankingsApi = new OpenAPIHono<{ Bindings: EvaluationEnv }>({ defaultHook: throwOnInvalid });

const CACHE = "public, max-age=300";
// Mounted at /api/v1 (index.ts); the shared contract, which the API reference prints, names the full paths.
const PREFIX = "/api/v1";
const mounted = <R extends RouteConfig>(route: R) => createRoute({ ...route, path: route.path.slice(PREFIX.length) });
const RANKINGS = mounted(RANKINGS_ROUTE);
const RANKINGS_CSV = mounted(RANKINGS_CSV_ROUTE);
const PATHS = [RANKINGS.path, RANKINGS_CSV.path];
// A 304 keeps the CORS headers, or a partner's browser would refuse it.
const retainedHeaders = [...RETAINED_304_HEADERS, "access-control-allow-origin", "access-control-expose-headers"];
for (const path of PATHS) {
  rankingsApi.use(
    path,
    cors({
      origin: "*",
      allowMethods: ["GET", "HEAD", "OPTIONS"],
      allowHeaders: ["If-None-Match"],
      exposeHeaders: ["ETag"],
      maxAge: 86400,
    }),
  );
  rankingsApi.use(path, etag({ retainedHeaders }));
  rankingsApi.use(path, async (c, next) => {
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    await next();
  });
}

async function resolvePeriod(db: D1Database, period: string | undefined): Promise<string> {
  return period ?? (await latestPeriod(db)) ?? currentPeriod();
}

rankingsApi.openapi(RANKINGS, async (c) => {
  const { period: asked, kind } = c.req.valid("query");
  const period = await resolvePeriod(c.env.DB, asked);
  c.header("Cache-Control", CACHE);
  return c.json(rankingsBody(period, await monthlyRanking(c.env.DB, period, kind)), 200);
});

rankingsApi.openapi(RANKINGS_CSV, async (c) => {
  const { period: asked, kind } = c.req.valid("query");
  const period = await resolvePeriod(c.env.DB, asked);
  const body = rankingsBody(period, await monthlyRanking(c.env.DB, period, kind));
  c.header("Cache-Control", CACHE);
  return c.body(rankingsCsv(body), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="rankings-${period}-${kind}.csv"`,
  });
});
