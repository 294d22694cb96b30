import type { Context } from "hono";
import { type CaseRecordRow, findCaseByTrackingNo } from "../../../shared/db/case-queries";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { hashQueryCode, normalizeTrackingNo } from "../../../shared/domain/ids";
import { clientIp } from "../../../shared/http/client-ip";
import { ApiError } from "../../../shared/http/errors";
import { enforceRateLimit } from "./case-submission";

/** Compares digests of the digests, so timing says nothing about how much of the code matched. */
export function queryCodeMatches(secret: string, caseId: string, queryCode: string, storedHash: string): boolean {
  return sha256Hex(hashQueryCode(secret, caseId, queryCode)) === sha256Hex(storedHash);
}

/** The case, if the query code opens it; rate-limited like every query-code look-up. */
export async function ownCase(
  c: Context<{ Bindings: IntakeEnv }>,
  rawTrackingNo: string,
  queryCode: string,
): Promise<CaseRecordRow> {
  await enforceRateLimit(
    c.env.LOOKUP_LIMITER,
    clientIp((n) => c.req.header(n)),
  );
  const trackingNo = normalizeTrackingNo(rawTrackingNo);
  const row = trackingNo ? await findCaseByTrackingNo(c.env.DB, trackingNo) : null;
  if (!row) throw new ApiError(404, "not_found", "No case has this tracking number.");
  if (!queryCodeMatches(c.env.QUERY_CODE_SECRET, row.caseId, queryCode, row.queryCodeHash)) {
    throw new ApiError(403, "query_code_invalid", "The query code does not match this case.");
  }
  return row;
}
