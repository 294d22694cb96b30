import * as z from "zod";
import { caseRecord } from "../../../shared/case-record/client";

export const CaseVerification = z
  .object({
    trackingNo: z.string(),
    valid: z.boolean().meta({
      description: "Every record links to the one before and hashes to its stored hash, and the first is the receipt",
    }),
    events: z.int().meta({ description: "Records in the case's log" }),
    headHash: z.string().nullable().meta({ description: "Hash of the latest record" }),
    receiptHash: z.string().meta({ description: "The first record's hash, as printed on the citizen's receipt" }),
    firstBrokenSeq: z.int().optional().meta({ description: "The first record that does not hold, when not valid" }),
  })
  .meta({ id: "CaseVerification" });
export type CaseVerification = z.infer<typeof CaseVerification>;

/**
 * Walks the case's hash chain in its durable object (the authoritative log, not the D1 copy) and
 * checks that it starts at the receipt hash the read model and the citizen's receipt carry.
 */
export async function verifyCase(
  env: IntakeEnv,
  row: { caseId: string; trackingNo: string; receiptHash: string },
): Promise<CaseVerification> {
  const stub = caseRecord(env, row.caseId);
  const [verdict, events] = await Promise.all([stub.verify(), stub.events()]);
  const head = events.at(-1)?.hash ?? null;
  const base = { trackingNo: row.trackingNo, events: events.length, headHash: head, receiptHash: row.receiptHash };
  if (!verdict.ok) return { ...base, valid: false, firstBrokenSeq: verdict.brokenSeq };
  // A log rewritten from its first record hashes consistently; only the receipt can tell.
  if (events.length === 0 || events[0]?.hash !== row.receiptHash) return { ...base, valid: false, firstBrokenSeq: 1 };
  return { ...base, valid: true };
}
