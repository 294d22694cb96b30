import { DurableObject } from "cloudflare:workers";
import * as z from "zod";
import { verifiedCandidates } from "../../../../shared/routing/lsh";
import { legacySignatures } from "../case-intake-queries";
import { IndexStorage } from "./index-storage";

export const RecordInput = z.object({
  regionCode: z.string().min(1),
  caseId: z.string().min(1),
  trackingNo: z.string().min(1),
  submittedAt: z.string().min(1),
  signature: z.array(z.number().int().min(0).max(0xffffffff)).length(64),
  /** The window's start: older cases are neither candidates nor kept. */
  since: z.string().min(1),
  /** How many candidates to answer with, most similar first. */
  limit: z.number().int().min(1).max(100),
});
export type RecordInput = z.infer<typeof RecordInput>;

export interface NearDuplicate {
  caseId: string;
  trackingNo: string;
  similarity: number;
}

/** Bad arguments come back as data (an exception thrown across RPC is harder to tell from a fault). */
export type RecordResult = { ok: true; found: NearDuplicate[] } | { ok: false; message: string };

const IMPORTED = "imported-minhash-signatures";

/**
 * One region's near-duplicate index (named by the region code): each recent case's MinHash
 * signature and its LSH band keys, so a new case is compared with the few cases sharing a band
 * instead of the region's whole history, and D1 is not read for it at all. It knows nothing of a
 * case's later status: the caller filters the candidates and tells it which ones are gone for good.
 */
export class NearDuplicateIndex extends DurableObject<AssignmentEnv> {
  private readonly store: IndexStorage;
  /** Once imported, for good: remembered so a check does not ask its storage again. */
  private imported = false;

  constructor(ctx: DurableObjectState, env: AssignmentEnv) {
    super(ctx, env);
    this.store = new IndexStorage(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /**
   * Records a case and answers the earlier cases like it (at or above the threshold, within the
   * window, not the case itself). Safe to repeat: a redelivered case is recorded once.
   */
  async record(raw: RecordInput): Promise<RecordResult> {
    const parsed = RecordInput.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
      return { ok: false, message: `Invalid arguments: ${fields}` };
    }
    const input = parsed.data;
    if (!this.imported) await this.importLegacy(input.regionCode, input.since);
    return this.ctx.storage.transactionSync(() => {
      this.store.pruneBefore(input.since);
      const found = verifiedCandidates(
        input.signature,
        this.store.candidates(input.signature, input.since, input.caseId),
      );
      this.store.add(input);
      return { ok: true, found: found.slice(0, input.limit) };
    });
  }

  /** Cases merged or rejected: final states, so they never come back as candidates. */
  async forget(raw: string[]): Promise<void> {
    const caseIds = z.array(z.string()).max(100).safeParse(raw);
    if (caseIds.success) this.ctx.storage.transactionSync(() => this.store.remove(caseIds.data));
  }

  /** How much the index holds (tests and the bench). */
  async size(): Promise<{ signatures: number; bands: number }> {
    return this.store.counts();
  }

  /**
   * The signatures D1 kept before this index existed, once per region: the newest 1,000 of the
   * window, what the old scan compared a new case with. Later calls wait rather than import twice.
   */
  private async importLegacy(regionCode: string, since: string): Promise<void> {
    await this.ctx.blockConcurrencyWhile(async () => {
      if (!this.store.flag(IMPORTED)) {
        const rows = await legacySignatures(this.env.DB, regionCode, since);
        this.ctx.storage.transactionSync(() => {
          for (const row of rows) this.store.add(row);
          this.store.setFlag(IMPORTED);
        });
      }
      this.imported = true;
    });
  }
}
