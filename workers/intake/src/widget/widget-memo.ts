/**
 * Partner pages poll a popular case from many browsers at once. The widget JSON the full pipeline
 * produced (headers and body) is kept in the isolate for a few seconds, shorter than any poll, and
 * answered again without routing or D1: a burst costs one read per isolate.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;
const WIDGET_JSON = /^\/api\/v1\/widget\/cases\/[^/]+$/;

interface Kept {
  expires: number;
  headers: Headers;
  body: string;
  etag: string | null;
}

const kept = new Map<string, Kept>();

/** The memo key (path and query) of a widget JSON request, or null for any other request. Cheap: no URL object. */
export function widgetJsonKey(request: Request): string | null {
  if (request.method !== "GET") return null;
  const url = request.url;
  const key = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  const query = key.indexOf("?");
  return WIDGET_JSON.test(query < 0 ? key : key.slice(0, query)) ? key : null;
}

/** The kept answer, or a 304 when the caller already has it; null when there is none (or it expired). */
export function answerFromMemo(key: string, ifNoneMatch: string | null, now = Date.now()): Response | null {
  const hit = kept.get(key);
  if (!hit) return null;
  if (hit.expires <= now) {
    kept.delete(key);
    return null;
  }
  if (hit.etag && ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === hit.etag)) {
    const headers = new Headers(hit.headers);
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(hit.body, { status: 200, headers: hit.headers });
}

/** Keeps a fresh 200 from the pipeline; passes everything else through untouched. */
export async function keepInMemo(key: string, response: Response, now = Date.now()): Promise<Response> {
  if (response.status !== 200) return response;
  const body = await response.text();
  if (kept.size >= MAX_ENTRIES) kept.delete(kept.keys().next().value as string);
  kept.set(key, {
    expires: now + TTL_MS,
    headers: new Headers(response.headers),
    body,
    etag: response.headers.get("etag")?.replace(/^W\//, "") ?? null,
  });
  return new Response(body, { status: 200, headers: response.headers });
}
