import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type * as z from "zod";
import { DomainError } from "../domain/errors";
import { logEvent } from "../log";

export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: ErrorIssue[] };
}

/** An error the edge answers with as-is: status, code and a message safe to show anyone. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export function validationError(error: z.ZodError): ApiError {
  return new ApiError(400, "validation_failed", "The request did not pass validation.", issuesOf(error));
}

/** The zod-openapi validation hook every API app uses: a failed parse leaves in the envelope. */
export function throwOnInvalid(result: { success: true } | { success: false; error: z.ZodError }): void {
  if (!result.success) throw validationError(result.error);
}

export function envelope(code: string, message: string, issues?: ErrorIssue[]): ErrorEnvelope {
  return { error: issues?.length ? { code, message, issues } : { code, message } };
}

const HTTP_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** The one `onError`: every failure leaves in the envelope; a 500 never shows a stack or SQL. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(envelope(err.code, err.message, err.issues), err.status);
  }
  if (err instanceof DomainError) return c.json(envelope(err.code, err.message), err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = HTTP_CODES[status] ?? "http_error";
    return c.json(envelope(code, err.message || "Bad request."), status);
  }
  logEvent("error", "unhandled-error", { kind: err instanceof Error ? err.name : typeof err });
  return c.json(envelope("internal", "Something went wrong on our side. Please try again."), 500);
};

export const notFound: NotFoundHandler = (c: Context) => c.json(envelope("not_found", "No such resource."), 404);
