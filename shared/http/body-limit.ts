import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () =>
  new ApiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);

/**
 * Refuses bodies over 64 KB by counting the bytes that actually arrive. A declared length is
 * only a shortcut for early refusal: a lying Content-Length or a chunked body is still counted.
 * The body is buffered (at most 64 KB) and handed on as a fresh request.
 */
export const limitBody: MiddlewareHandler = async (c, next) => {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return next();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set("content-length", String(size));
  c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body });
  return next();
};
