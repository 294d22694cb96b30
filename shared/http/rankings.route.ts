import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { Rankings, RankingsQuery } from "../scoring/rankings.schema";
import { ErrorBody } from "./error-body.schema";

/**
 * The rankings routes as OpenAPI operations: the evaluation Worker serves them, intake (the public
 * edge, which forwards them) lists them in its OpenAPI document.
 */

const ERRORS = {
  304: { description: "Unchanged since the ETag in If-None-Match" },
  400: { description: "A malformed period or kind", content: { "application/json": { schema: ErrorBody } } },
} as const;

export const RANKINGS_ROUTE = createRoute({
  method: "get",
  path: "/api/v1/rankings",
  summary: "The month's ranking of departments or counties (月度评议排名)",
  description:
    "Raw rates in 0…1 (four decimals; null without data), the composite score 0…100 from Bayesian-shrunk rates and the evaluators' panel " +
    "score, and the rank (null below minSample). Ranked units come first, best first. A month without data answers 200 with no units. " +
    "CORS open to every origin (no credentials); cached 5 minutes; If-None-Match answers 304. The method is printed on /reports/{period}.",
  request: { query: RankingsQuery },
  responses: { 200: { description: "The ranking", content: { "application/json": { schema: Rankings } } }, ...ERRORS },
});

export const RANKINGS_CSV_ROUTE = createRoute({
  method: "get",
  path: "/api/v1/rankings.csv",
  summary: "The same ranking as CSV for spreadsheets",
  description:
    "UTF-8 with a byte-order mark (Excel opens the Chinese names correctly), CRLF, RFC 4180 quoting; a header row, then one row per unit.",
  request: { query: RankingsQuery },
  responses: { 200: { description: "The ranking as CSV", content: { "text/csv": { schema: z.string() } } }, ...ERRORS },
});
