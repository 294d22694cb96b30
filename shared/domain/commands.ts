import * as z from "zod";
import { OUTCOMES, RATINGS, RESOLUTIONS } from "./case-model";

/**
 * Every command that changes a case after submission, as a discriminated union. The durable
 * object parses these at its RPC boundary; the desk routes (later issues) build them.
 */
const reason = z.string().trim().min(2).max(500);
const departmentId = z.string().min(1).max(64);

export const CaseCommand = z.discriminatedUnion("name", [
  z.strictObject({ name: z.literal("accept"), category: z.string().max(32).optional() }),
  z.strictObject({ name: z.literal("reject"), reason }),
  z.strictObject({ name: z.literal("hold"), reason }),
  z.strictObject({
    name: z.literal("assign"),
    departmentId,
    coDepartmentIds: z.array(departmentId).max(5).default([]),
    note: z.string().max(500).optional(),
    /** The dispatcher's category: kept as a labelled example for retraining the classifier. */
    category: z.string().max(32).optional(),
  }),
  z.strictObject({ name: z.literal("rejectReturn"), note: reason }),
  z.strictObject({ name: z.literal("acknowledge") }),
  z.strictObject({ name: z.literal("returnCase"), reason }),
  z.strictObject({ name: z.literal("requestExtension"), reason, workingDays: z.int().min(1).max(30) }),
  z.strictObject({ name: z.literal("decideExtension"), approved: z.boolean(), note: z.string().max(500).optional() }),
  z.strictObject({
    name: z.literal("draftReply"),
    text: z.string().trim().min(10).max(4000),
    outcome: z.enum(OUTCOMES),
    outcomeNote: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    name: z.literal("publishReply"),
    spokesperson: z.strictObject({ name: z.string().min(1).max(40), title: z.string().min(1).max(80) }),
    /** The draft the spokesperson reviewed (its draftedAt): a newer draft is not published unseen. */
    draftedAt: z.string().max(40),
  }),
  z.strictObject({
    name: z.literal("rate"),
    resolution: z.enum(RESOLUTIONS),
    rating: z.enum(RATINGS),
    comment: z.string().trim().max(500).optional(),
  }),
  z.strictObject({ name: z.literal("reopen"), reason }),
  z.strictObject({ name: z.literal("close") }),
  z.strictObject({ name: z.literal("merge"), intoTrackingNo: z.string().min(8).max(20) }),
  // 催办 / 督办 issued by hand by the supervision office, beside the automatic ladder.
  z.strictObject({ name: z.literal("urge"), level: z.enum(["urge", "supervise"]), note: reason }),
]);
export type CaseCommand = z.infer<typeof CaseCommand>;
export type CaseCommandName = CaseCommand["name"];
