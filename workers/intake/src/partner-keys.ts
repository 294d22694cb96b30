import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../../../shared/db/case-queries";
import { apiKeys } from "../../../shared/db/schema";
import { sha256Hex } from "../../../shared/domain/hash-chain";

/** API keys are stored as SHA-256 digests; the plaintext exists only in the partner's hands. */
export async function findPartnerKey(
  db: D1Database,
  plaintext: string,
): Promise<{ id: string; partnerName: string } | null> {
  const [row] = await getDb(db)
    .select({ id: apiKeys.id, partnerName: apiKeys.partnerName })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(plaintext)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
