import * as z from "zod";
import { MESSAGE_TYPES, OUTCOMES, RATINGS, RESOLUTIONS } from "../domain/case-model";
import { CaseSubmission } from "../domain/submission.schema";

/**
 * One message of a city's earlier board (留言板, 领导信箱 …) as `npm run import` sends it to
 * `POST /api/v1/import/cases`. Times are instants with an offset: the importer has already read the
 * board's local times (and refused the ones it could not read) before anything reaches the server.
 * No petitioner field exists: a board's user names and phones are not brought over.
 */
const Instant = z.iso.datetime({ offset: true });

/** The intake secret that opens the import API (`Authorization: Bearer …`); unset, the API does not exist. */
export const IMPORT_TOKEN_SECRET = "IMPORT_TOKEN";
const text = CaseSubmission.shape;

export const ImportSource = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "1–32 lower-case letters, digits and -")
  .meta({ description: "names the board the messages come from; with messageId it makes each import idempotent" });

export const ImportItem = z
  .strictObject({
    messageId: z.string().trim().min(1).max(64).meta({ description: "the board's own message number (留言编号)" }),
    submittedAt: Instant,
    type: z.enum(MESSAGE_TYPES),
    title: text.title,
    body: text.body,
    regionCode: text.regionCode,
    addressee: text.addressee,
    category: text.category,
    /** The department that answered; without one, the routing catalogue decides by category and region. */
    departmentId: z.string().trim().min(1).max(64).optional(),
    isPublic: z.boolean().default(true),
    /** 点赞数 / 附议: counted as supporters of the case. */
    supporters: z.int().min(0).max(1_000_000).default(0),
    reply: z
      .strictObject({
        text: z.string().trim().min(10).max(4000),
        at: Instant,
        outcome: z.enum(OUTCOMES).default("explained"),
      })
      .optional(),
    /** A board that kept its citizens' verdicts on replies. */
    rating: z.strictObject({ resolution: z.enum(RESOLUTIONS), rating: z.enum(RATINGS), at: Instant }).optional(),
  })
  .refine((i) => !i.reply || Date.parse(i.reply.at) >= Date.parse(i.submittedAt), {
    message: "答复时间早于留言时间 / the reply is dated before the message",
    path: ["reply", "at"],
  })
  .refine((i) => !i.rating || (i.reply && Date.parse(i.rating.at) >= Date.parse(i.reply.at)), {
    message: "评价须在答复之后 / a rating needs a reply before it",
    path: ["rating", "at"],
  })
  .meta({ id: "ImportItem" });
export type ImportItem = z.input<typeof ImportItem>;

export const ImportRequest = z.strictObject({
  source: ImportSource,
  items: z.array(ImportItem).min(1).max(25),
});
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportItemResult = z
  .strictObject({
    messageId: z.string(),
    status: z.enum(["imported", "already", "refused"]),
    trackingNo: z.string().optional(),
    /** Why a message was refused, in words a person fixing the file understands. */
    reason: z.string().optional(),
  })
  .meta({ id: "ImportItemResult" });
export type ImportItemResult = z.infer<typeof ImportItemResult>;

export const ImportResponse = z.strictObject({ results: z.array(ImportItemResult) });
export type ImportResponse = z.infer<typeof ImportResponse>;

/** What a dry run checks a file against: the city's regions, categories, mailboxes and departments. */
export const ImportMeta = z.strictObject({
  regions: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  categories: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  addressees: z.array(z.strictObject({ code: z.string(), name: z.string(), departmentId: z.string() })),
  departments: z.array(
    z.strictObject({ id: z.string(), name: z.string(), regionCode: z.string().nullable(), spokesperson: z.boolean() }),
  ),
  /** The routing catalogue (派单目录): where a message without a department goes, by category and region. */
  rules: z.array(z.strictObject({ category: z.string(), regionCode: z.string(), departmentId: z.string() })),
  /** The ranking's minimum sample: a dry run says which units a file leaves under it. */
  minSample: z.int(),
});
export type ImportMeta = z.infer<typeof ImportMeta>;

/** `POST /api/v1/import/finish`: the history is in; analyse everything submitted since `from`. */
export const ImportFinish = z.strictObject({ from: Instant });
