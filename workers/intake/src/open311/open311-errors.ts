import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError } from "../../../../shared/domain/errors";
import { ApiError } from "../../../../shared/http/errors";
import { logEvent } from "../../../../shared/log";
import { Open311Error, respondError } from "./format";

/**
 * Everything under /open311/v2 fails in GeoReport's shape. The spec knows 400 (bad or missing
 * parameter), 403 (api_key), 404 (jurisdiction, service, request, token); our refusals that have
 * no GeoReport status are told as 400 (an idempotency key reused with other parameters, a body
 * that is not a form), 413 and 429 keep theirs, and a real failure stays a 500 without details.
 */
function toOpen311(err: Error): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof ApiError) {
    const issues = err.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
    const description = issues ? `${err.message} ${issues}` : err.message;
    return new Open311Error(statusOf(err.status), description, err.headers);
  }
  if (err instanceof DomainError) return new Open311Error(statusOf(err.status), err.message);
  if (err instanceof HTTPException) return new Open311Error(statusOf(err.status), err.message || "Bad request.");
  logEvent("error", "open311-unhandled-error", { kind: err.name });
  return new Open311Error(500, "Something went wrong on our side. Please try again.");
}

function statusOf(status: number): Open311Error["status"] {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 413 || status === 429) return status;
  return status >= 500 ? 500 : 400;
}

export const onOpen311Error: ErrorHandler = (err, c) => respondError(c, toOpen311(err));
