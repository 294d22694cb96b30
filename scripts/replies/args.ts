import { parseArgs } from "node:util";
import * as z from "zod";

/** The options of `npm run replies:score` and `npm run replies:eval`, checked the way the import checks its own. */

export const SCORE_USAGE = `npm run replies:score -- --file F [--format tipdm|wenzheng] [--json]

  --file F           a board export with replies: tipdm (留言编号, 留言主题, 留言详情, 答复意见 …)
                     or wenzheng (id, title, body, reply_text …; README "Importing a board's history")
  --format           tipdm (default) or wenzheng
  --json             print [{ id, score, flags }] instead of a table`;

export const EVAL_USAGE = `npm run replies:eval -- [--file F] [--format tipdm|wenzheng] [--json]

  --file F           default ../shared/data/raw/tipdm2020c_attachment4_full_replies.csv (read in place)
  --format           tipdm (default) or wenzheng
  --json             print the figures as JSON instead of a summary`;

const Args = z.strictObject({
  file: z.string().min(1).optional(),
  format: z.enum(["tipdm", "wenzheng"], "--format is tipdm or wenzheng").default("tipdm"),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
});
export type RepliesArgs = z.infer<typeof Args>;

export function parseRepliesArgs(argv: string[]): RepliesArgs | { error: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        file: { type: "string" },
        format: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    const parsed = Args.safeParse(values);
    return parsed.success ? parsed.data : { error: parsed.error.issues.map((i) => i.message).join("\n") };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
