import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../../../shared/http/errors";

export const URLENCODED = "application/x-www-form-urlencoded";

/**
 * A form post in any other encoding is refused before its body is read: the form validator would
 * otherwise see no fields at all and answer as if the person had left every field blank.
 */
export function formEncoded(...types: string[]): MiddlewareHandler {
  return async (c, next) => {
    const contentType = c.req.header("content-type") ?? "";
    if (!types.some((t) => contentType.startsWith(t))) {
      throw new ApiError(415, "unsupported_media_type", "Post this form as application/x-www-form-urlencoded.");
    }
    await next();
  };
}
