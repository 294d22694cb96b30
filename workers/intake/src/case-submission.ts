import { isNull } from "drizzle-orm";
import { caseRecord } from "../../../shared/case-record/client";
import { toShanghaiIso } from "../../../shared/clocks/period";
import { type CachedRead, cachedRead } from "../../../shared/db/cached-read";
import { getDb } from "../../../shared/db/case-queries";
import { addressees, categories, regions } from "../../../shared/db/schema";
import { caseIdFor } from "../../../shared/domain/ids";
import type { CaseSubmission, Receipt } from "../../../shared/domain/submission.schema";
import { ApiError, type ErrorIssue } from "../../../shared/http/errors";
import { logEvent } from "../../../shared/log";
import type { CaseRegisteredMessage } from "../../../shared/messages";
import { errorKind } from "../../../shared/queues/dead-letter";

const REFERENCE_TTL_MS = 60_000;
let referenceCache: CachedRead<{ regions: Set<string>; addressees: Set<string>; categories: Set<string> }> | null =
  null;

/** The codes a submission may name (active ones), cached a minute per isolate: every submission checks them. */
async function knownReferences(db: D1Database) {
  referenceCache = await cachedRead(referenceCache, REFERENCE_TTL_MS, "submission-references", async () => {
    const d = getDb(db);
    const [r, a, k] = await d.batch([
      d.select({ code: regions.code }).from(regions).where(isNull(regions.deactivatedAt)),
      d.select({ code: addressees.code }).from(addressees).where(isNull(addressees.deactivatedAt)),
      d.select({ code: categories.code }).from(categories).where(isNull(categories.deactivatedAt)),
    ]);
    return {
      regions: new Set(r.map((x) => x.code)),
      addressees: new Set(a.map((x) => x.code)),
      categories: new Set(k.map((x) => x.code)),
    };
  });
  return referenceCache.value;
}

/** References a schema cannot check without the database: region, leader mailbox, category. */
export async function checkReferences(
  db: D1Database,
  s: Pick<CaseSubmission, "regionCode" | "addressee" | "category">,
): Promise<ErrorIssue[]> {
  const known = await knownReferences(db);
  const issues: ErrorIssue[] = [];
  if (!known.regions.has(s.regionCode))
    issues.push({ path: "regionCode", message: "未知的行政区划代码 / unknown region code" });
  if (s.addressee && !known.addressees.has(s.addressee))
    issues.push({ path: "addressee", message: "未知的领导信箱 / unknown addressee" });
  if (s.category && !known.categories.has(s.category))
    issues.push({ path: "category", message: "未知的分类 / unknown category" });
  return issues;
}

export interface SubmitRequest {
  /** Namespaces the idempotency key: `api`, `form`, `partner:<keyId>`, `open311:<keyId>`, `seed`. */
  scope: string;
  channel: "web" | "form" | "api" | "partner" | "open311" | "seed";
  partnerId?: string;
  idempotencyKey: string;
  submission: CaseSubmission;
  now?: string;
}

/** Hands a validated submission to its case's durable object; answers once the case is durable there. */
export async function submitCase(env: IntakeEnv, req: SubmitRequest): Promise<{ receipt: Receipt; replayed: boolean }> {
  const issues = await checkReferences(env.DB, req.submission);
  if (issues.length) throw new ApiError(400, "validation_failed", "The request did not pass validation.", issues);
  const caseId = caseIdFor(req.scope, req.idempotencyKey);
  const { receipt, replayed } = await caseRecord(env, caseId).submit({
    caseId,
    channel: req.channel,
    partnerId: req.partnerId ?? null,
    idempotencyKey: req.idempotencyKey,
    submission: req.submission,
    now: req.now,
  });
  await registerForReconciliation(env, caseId, receipt);
  // The object keeps UTC; the edge answers in Beijing time with its offset, like every view.
  return { receipt: { ...receipt, submittedAt: toShanghaiIso(receipt.submittedAt) }, replayed };
}

/**
 * Tells reconciliation the case exists, independently of its object's alarm (which carries the
 * projection). Sent on every answer, replays included, so a lost first send is made up; a failed
 * send does not fail the citizen's submission: the object's own outbox still projects the case.
 */
export async function registerForReconciliation(
  env: IntakeEnv,
  caseId: string,
  receipt: Pick<Receipt, "trackingNo" | "submittedAt">,
): Promise<void> {
  const message: CaseRegisteredMessage = {
    v: 1,
    kind: "case.registered",
    caseId,
    trackingNo: receipt.trackingNo,
    submittedAt: receipt.submittedAt,
  };
  try {
    await env.CASE_REGISTRY.send(message);
  } catch (error) {
    logEvent("warn", "case-registry-send-failed", { caseId, error: errorKind(error) });
  }
}

export async function enforceRateLimit(limiter: RateLimit, key: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, "rate_limited", "Too many requests from this client. Please wait a minute.", undefined, {
      "Retry-After": "60",
    });
  }
}
