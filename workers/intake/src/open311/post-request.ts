import type { Context } from "hono";
import { loadMeta } from "../../../../shared/db/case-queries";
import { IdempotencyKey } from "../../../../shared/domain/submission.schema";
import { clientIp } from "../../../../shared/http/client-ip";
import { checkReferences, enforceRateLimit } from "../case-submission";
import { findPartnerKey, type PartnerKey, submitWithinQuota } from "../partner-keys";
import { limitsByType } from "../public-queries";
import { type Format, Open311Error, respond } from "./format";
import { checkJurisdiction } from "./jurisdiction";
import { cityRegionCode } from "./open311-queries";
import { derivedIdempotencyKey, toSubmission } from "./to-submission";

type Ctx = Context<{ Bindings: IntakeEnv }>;

/**
 * POST requests: a partner's form post becomes a case on the partner's channel, checked and counted
 * against the key's quota exactly as the JSON API's partner submissions are (submitWithinQuota), so
 * its webhooks hear about the case. Every check runs before anything is written: a refused post
 * leaves no case and spends no quota.
 */
export async function postRequest(c: Ctx, format: Format): Promise<Response> {
  const params = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
  const param = (name: string) => params.get(name) ?? c.req.query(name);
  await checkJurisdiction(c, param("jurisdiction_id"));
  const partner = await partnerOf(c, param("api_key"));
  const [meta, cityCode] = await Promise.all([loadMeta(c.env.DB, "zh", true), cityRegionCode(c.env.DB)]);
  const submission = toSubmission(params, {
    categories: new Set(meta.categories.map((k) => k.code)),
    regions: meta.regions,
    cityCode: cityCode ?? "",
  });
  const issues = await checkReferences(c.env.DB, submission);
  if (issues.length) throw new Open311Error(400, issues.map((i) => `attribute[region]: ${i.message}`).join("; "));
  const header = c.req.header("idempotency-key");
  const parsedKey = header === undefined ? null : IdempotencyKey.safeParse(header);
  if (parsedKey && !parsedKey.success)
    throw new Open311Error(400, `Idempotency-Key: ${parsedKey.error.issues[0]?.message}`);
  const { receipt, replayed } = await submitWithinQuota(c.env, partner, {
    scope: `open311:${partner.id}`,
    channel: "open311",
    partnerId: partner.id,
    idempotencyKey: parsedKey?.data ?? derivedIdempotencyKey(partner.id, params),
    submission,
  });
  const notice = await serviceNotice(c.env.DB, submission.type);
  const answer = [{ service_request_id: receipt.trackingNo, service_notice: notice, account_id: null }];
  return respond(c, format, "service_requests", answer, replayed ? 200 : 201);
}

/**
 * The partner behind api_key. A post without a known key is limited per client address like a
 * citizen's submission, so keys cannot be tried at speed; a partner's own posts count against its quota.
 */
async function partnerOf(c: Ctx, apiKey: string | undefined): Promise<PartnerKey> {
  const partner = apiKey ? await findPartnerKey(c.env.DB, apiKey) : null;
  if (partner) return partner;
  await enforceRateLimit(c.env.SUBMIT_LIMITER, `open311:${clientIp((n) => c.req.header(n))}`);
  throw new Open311Error(403, apiKey ? "api_key: unknown or revoked" : "api_key: required (a partner API key)");
}

/** What the partner can tell the citizen now: when the answer is due, counted from the case's assignment. */
async function serviceNotice(db: D1Database, type: string): Promise<string> {
  const reply = (await limitsByType(db)).get(type)?.reply;
  if (!reply?.value) return "已收到，平台受理后交办相关部门答复";
  const unit = reply.unit === "calendar_days" ? "天" : "个工作日";
  return `已收到；答复期限：受理交办后 ${reply.value} ${unit}内`;
}
