import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuses bodies over `maxBytes` by counting the bytes that actually arrive. A declared length is
 * only a shortcut for early refusal: a lying Content-Length or a chunked body is still counted.
 * The body is buffered (at most `maxBytes`) and handed on as a fresh request.
 */
export const bodyLimit =
  (maxBytes: number): MiddlewareHandler =>
  async (c, next) => {
    const tooLarge = () =>
      new ApiError(413, "payload_too_large", `The request body is larger than ${maxBytes / 1024} KB.`);
    const declared = Number(c.req.header("content-length") ?? "0");
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
    const stream = c.req.raw.body;
    if (!stream) return next();
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
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

/** Every route's default: 64 KB, far above the largest form or JSON body Wenzheng takes. */
export const limitBody = bodyLimit(MAX_BODY_BYTES);
