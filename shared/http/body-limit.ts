import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuses bodies over 64 KB. Hono's limiter counts the bytes actually streamed, so a lying
 * Content-Length or a chunked body is caught too.
 */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
  },
});
