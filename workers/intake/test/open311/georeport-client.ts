import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { readXml, xmlDeclaration, xmlToData } from "./xml-reader";

/**
 * A GeoReport v2 client written from the specification's text, not from this server's code:
 * - the Open311 wiki's GeoReport v2 page (http://wiki.open311.org/GeoReport_v2), as reproduced in
 *   mySociety's "Open311 FMS Complete Spec" (github.com/mysociety/fixmystreet/wiki/Open311-FMS---Complete-Spec):
 *   UTF-8 everywhere, the XML declaration with encoding="UTF-8" before the root element, W3C
 *   date-times with an offset, XML required and JSON optional, resources named `<path>.<format>`;
 * - the method list of the Open311 OpenAPI description (gist.github.com/kinlane/a5a01830a96fe29948cdecbc62732349):
 *   GET requests' service_request_id "comma delimited … overrides all other arguments", start_date/
 *   end_date "may not span more than 90 days", status open|closed;
 * - r311's reference (ropengov.github.io/r311/reference/o311_requests.html): start/end default to the
 *   last 90 days, `page` for paging.
 * Documents: discovery (endpoints > endpoint > formats > format), services > service,
 * service_definition > attributes > attribute > values > value, service_requests > request, and
 * errors > error with `code` and `description`.
 */

export type Format = "json" | "xml";
export const BASE = "http://intake.test/open311/v2";
/** The spec's list elements: in XML their children are the items. */
const LISTS = new Set(["services", "service_requests", "errors", "attributes", "values", "endpoints", "formats"]);

export interface Answer {
  status: number;
  headers: Headers;
  raw: string;
  /** JSON as sent; XML read into the same shape (leaves as strings, empty elements as null). */
  data: unknown;
}

async function read(res: Response, format: Format): Promise<Answer> {
  const raw = await res.text();
  const type = res.headers.get("content-type") ?? "";
  expect(type.toLowerCase(), "the spec requires UTF-8").toContain("charset=utf-8");
  if (format === "json") {
    expect(type).toContain("application/json");
    return { status: res.status, headers: res.headers, raw, data: JSON.parse(raw) };
  }
  expect(type).toMatch(/(text|application)\/xml/);
  expect(xmlDeclaration(raw)?.encoding?.toUpperCase(), "XML starts with its UTF-8 declaration").toBe("UTF-8");
  const root = readXml(raw);
  return { status: res.status, headers: res.headers, raw, data: { [root.name]: xmlToData(root, LISTS) } };
}

export async function get(path: string, format: Format, query: Record<string, string> = {}): Promise<Answer> {
  const qs = new URLSearchParams(query).toString();
  const res = await exports.default.fetch(`${BASE}/${path}.${format}${qs ? `?${qs}` : ""}`);
  return read(res, format);
}

/** POST Service Request: application/x-www-form-urlencoded, attributes as attribute[code]=value. */
export async function post(
  format: Format,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await exports.default.fetch(`${BASE}/requests.${format}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "cf-connecting-ip": `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
  return read(res, format);
}

/** The items of a list document, whichever the format (JSON: the array itself; XML: the root's children). */
export function items(answer: Answer, root: string): Record<string, unknown>[] {
  const data = answer.data;
  const list = Array.isArray(data) ? data : (data as Record<string, unknown>)[root];
  expect(Array.isArray(list), `${root} is a list`).toBe(true);
  return list as Record<string, unknown>[];
}

/** An error answer: the status, and `[{ code, description }]` (XML: errors > error) naming that status. */
export function expectError(answer: Answer, status: number): string {
  expect(answer.status, answer.raw).toBe(status);
  const [error, ...more] = items(answer, "errors");
  expect(more).toHaveLength(0);
  expect(String(error?.code)).toBe(String(status));
  expect(typeof error?.description).toBe("string");
  return String(error?.description);
}

/** The single object of a document such as discovery or service_definition. */
export function single(answer: Answer, root: string): Record<string, unknown> {
  const data = answer.data as Record<string, unknown>;
  return (root in data && !Array.isArray(data) ? data[root] : data) as Record<string, unknown>;
}
