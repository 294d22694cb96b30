import { and, eq, isNull } from "drizzle-orm";
import { caseRecord } from "../../../shared/case-record/client";
import { getDb } from "../../../shared/db/case-queries";
import { apiKeys } from "../../../shared/db/schema";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { caseIdFor } from "../../../shared/domain/ids";
import type { Receipt } from "../../../shared/domain/submission.schema";
import { ApiError } from "../../../shared/http/errors";
import { type SubmitRequest, submitCase } from "./case-submission";

export interface PartnerKey {
  id: string;
  partnerName: string;
  quotaPerMinute: number;
}

/** API keys are stored as SHA-256 digests; the plaintext exists only in the partner's hands. */
export async function findPartnerKey(db: D1Database, plaintext: string): Promise<PartnerKey | null> {
  const [row] = await getDb(db)
    .select({ id: apiKeys.id, partnerName: apiKeys.partnerName, quotaPerMinute: apiKeys.quotaPerMinute })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(plaintext)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** The minute a quota counts in (`2026-12-07T09:15`), and the seconds until the next one. */
export function quotaMinute(nowMs: number): { minute: string; secondsLeft: number } {
  return { minute: new Date(nowMs).toISOString().slice(0, 16), secondsLeft: 60 - Math.floor((nowMs % 60_000) / 1000) };
}

/**
 * Spends one submission of the partner's quota for this minute, in one statement: true if it was
 * within the quota (and is now counted), false if the minute's quota is used up (nothing counted).
 */
export async function spendQuota(db: D1Database, partner: PartnerKey, minute: string): Promise<boolean> {
  if (partner.quotaPerMinute < 1) return false;
  const row = await db
    .prepare(
      `INSERT INTO partner_usage (api_key_id, minute, submissions) VALUES (?1, ?2, 1)
       ON CONFLICT (api_key_id, minute) DO UPDATE SET submissions = submissions + 1 WHERE submissions < ?3
       RETURNING submissions`,
    )
    .bind(partner.id, minute, partner.quotaPerMinute)
    .first<{ submissions: number }>();
  return row !== null;
}

/** Gives a spent submission back: a replay of an accepted submission costs the partner nothing. */
export async function refundQuota(db: D1Database, partnerId: string, minute: string): Promise<void> {
  await db
    .prepare(
      "UPDATE partner_usage SET submissions = submissions - 1 WHERE api_key_id = ? AND minute = ? AND submissions > 0",
    )
    .bind(partnerId, minute)
    .run();
}

/**
 * A partner's submission (the JSON API's and Open311's): one submission of the key's quota is spent
 * first; over quota, a retry of a submission already accepted is still answered (it creates nothing),
 * anything else is refused with 429; a replay or a refusal gives back what it spent.
 */
export async function submitWithinQuota(
  env: IntakeEnv,
  partner: PartnerKey,
  request: SubmitRequest,
): Promise<{ receipt: Receipt; replayed: boolean }> {
  const { minute, secondsLeft } = quotaMinute(Date.now());
  const spent = await spendQuota(env.DB, partner, minute);
  if (!spent && !(await caseRecord(env, caseIdFor(request.scope, request.idempotencyKey)).read()))
    throw new ApiError(
      429,
      "quota_exceeded",
      `This API key's quota of ${partner.quotaPerMinute} submissions a minute is used up.`,
      undefined,
      { "Retry-After": String(secondsLeft) },
    );
  // A submission refused by its case (a reused key with another body) costs nothing either.
  const result = await submitCase(env, request).catch(async (error: unknown) => {
    if (spent) await refundQuota(env.DB, partner.id, minute);
    throw error;
  });
  if (spent && result.replayed) await refundQuota(env.DB, partner.id, minute);
  return result;
}
