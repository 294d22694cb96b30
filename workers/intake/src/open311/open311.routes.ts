import { type Context, Hono } from "hono";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { limitBody } from "../../../../shared/http/body-limit";
import { formEncoded, URLENCODED } from "../routes/form-post";
import { type Format, Open311Error, respond, splitFormat } from "./format";
import { checkJurisdiction } from "./jurisdiction";
import { onOpen311Error } from "./open311-errors";
import { listRequests, namesOf, type RequestRow, requestsByTrackingNo } from "./open311-queries";
import { discovery, serviceDefinition, serviceList } from "./open311-services";
import { postRequest } from "./post-request";
import { parseRequestsQuery } from "./requests-query";
import { toRequest } from "./to-request";

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), mounted at /open311/v2: every
 * resource as `.json` or `.xml`, errors in the spec's shape (open311-errors.ts). Reading needs no
 * key; POST requests needs a partner API key.
 */
export const open311 = new Hono<{ Bindings: IntakeEnv }>();
type Ctx = Context<{ Bindings: IntakeEnv }>;

open311.onError(onOpen311Error);
open311.use("*", limitBody);

const notFound = (what: string) => new Open311Error(404, what);

/** `name.json` / `name.xml` for one of the names this path serves, else a 404 in the spec's shape. */
function fileOf(c: Ctx, names: readonly string[] | null): { name: string; format: Format } {
  const file = splitFormat(c.req.param("file") ?? "");
  if (!file || (names && !names.includes(file.name))) throw notFound("No such resource: use .json or .xml");
  return file;
}

open311.get("/:file", async (c) => {
  const { name, format } = fileOf(c, ["discovery", "services", "requests"]);
  await checkJurisdiction(c, c.req.query("jurisdiction_id"));
  if (name === "discovery") return respond(c, format, "discovery", discovery(origin(c), c.env.WENZHENG_ENV));
  if (name === "services") return respond(c, format, "services", await serviceList(c.env.DB));
  const query = parseRequestsQuery(c.req.query(), Date.now());
  const rows = query.ids
    ? await requestsByTrackingNo(c.env.DB, query.ids)
    : await listRequests(c.env.DB, query.filters);
  return requestsAnswer(c, format, rows);
});

open311.get("/services/:file", async (c) => {
  const { name: code, format } = fileOf(c, null);
  await checkJurisdiction(c, c.req.query("jurisdiction_id"));
  const definition = await serviceDefinition(c.env.DB, code);
  if (!definition) throw notFound(`service_code: no service ${code}`);
  return respond(c, format, "service_definition", definition);
});

// Any case, in whatever state, is answered as its public view shows it (a partner can follow its own
// request when it is merged, refused or private); only an unknown number is a 404.
open311.get("/requests/:file", async (c) => {
  const { name: id, format } = fileOf(c, null);
  await checkJurisdiction(c, c.req.query("jurisdiction_id"));
  const trackingNo = normalizeTrackingNo(id);
  const rows = trackingNo ? await requestsByTrackingNo(c.env.DB, [trackingNo]) : [];
  if (rows.length === 0) throw notFound(`service_request_id: no request ${id}`);
  return requestsAnswer(c, format, rows);
});

// We answer every POST in real time with its service_request_id, so no token is ever issued.
open311.get("/tokens/:file", async (c) => {
  const { name: token } = fileOf(c, null);
  throw notFound(`token: no token ${token} (this server answers POST requests at once with service_request_id)`);
});

open311.post("/:file", formEncoded(URLENCODED), async (c) => {
  const { format } = fileOf(c, ["requests"]);
  return postRequest(c, format);
});

open311.all("*", () => {
  throw notFound("No such resource");
});

const origin = (c: Ctx) => new URL(c.req.url).origin;

async function requestsAnswer(c: Ctx, format: Format, rows: RequestRow[]): Promise<Response> {
  const names = await namesOf(c.env.DB);
  const requests = rows.map((row) => toRequest(row, names, origin(c), format));
  return respond(c, format, "service_requests", requests);
}
