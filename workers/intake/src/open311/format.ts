import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * GeoReport v2's two formats. Every response is UTF-8 and an XML document starts with the XML
 * declaration naming that encoding (the spec's "UTF-8 is required everywhere"). JSON is written as
 * is; XML by the small writer below, which names each list's items as the spec does.
 */

export const FORMATS = ["json", "xml"] as const;
export type Format = (typeof FORMATS)[number];

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element each list's items take in the spec's XML (`<services><service>…`). */
const ITEM_TAGS: Record<string, string> = {
  services: "service",
  service_requests: "request",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  errors: "error",
};

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry at all
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (text: string) => text.replace(NOT_XML, "").replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_TAGS[name] ?? "item";
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object")
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join("")}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** One answer in the asked format; `root` names the XML document's element. */
export function respond(
  c: Context,
  format: Format,
  root: string,
  value: XmlValue,
  status: ContentfulStatusCode = 200,
): Response {
  const body = format === "json" ? JSON.stringify(value) : toXml(root, value);
  return c.body(body, status, { "Content-Type": CONTENT_TYPES[format] });
}

/** `requests.json` → ["requests", "json"]; null without a known format. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf(".");
  const ext = file.slice(dot + 1).toLowerCase();
  if (dot < 1 || (ext !== "json" && ext !== "xml")) return null;
  return { name: file.slice(0, dot), format: ext };
}

/** The format an error goes out in: the path's extension, else XML (the spec's required format). */
export function formatOfPath(path: string): Format {
  return path.toLowerCase().endsWith(".json") ? "json" : "xml";
}

/** An error in the spec's own shape: `[{ code, description }]`, the code being the HTTP status. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429 | 500,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = "Open311Error";
  }
}

export function respondError(c: Context, error: Open311Error): Response {
  for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
  const errors = [{ code: error.status, description: error.description }];
  return respond(c, formatOfPath(c.req.path), "errors", errors, error.status);
}
