import { getDb } from "../../../../shared/db/case-queries";
import { widgetOrigins } from "../../../../shared/db/desk-schema";
import { isPartnerOrigin } from "../../../../shared/http/partner-origin";

const TTL_MS = 60_000;
let cached: { origins: string[]; until: number } | null = null;

/**
 * The partner origins allowed to frame the iframe widget, read from D1 at most once a minute per
 * isolate (an admin's change shows within that minute).
 */
export async function allowedFrameOrigins(db: D1Database, now = Date.now()): Promise<string[]> {
  if (cached && cached.until > now) return cached.origins;
  const rows = await getDb(db).select({ origin: widgetOrigins.origin }).from(widgetOrigins);
  const origins = rows.map((r) => r.origin).filter(isPartnerOrigin); // a malformed row would otherwise write into the policy
  cached = { origins, until: now + TTL_MS };
  return origins;
}

/** For tests: the next call reads D1 again. */
export function forgetFrameOrigins(): void {
  cached = null;
}

export function frameAncestors(origins: string[]): string {
  return origins.length > 0 ? origins.join(" ") : "'none'";
}
