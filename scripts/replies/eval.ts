/**
 * `npm run replies:eval -- [--file F] [--json]`: the reply check measured on a real board's replies
 * (default: attachment 4 of the TipDM data, read in place, never copied). See evaluate.ts.
 */
import path from "node:path";
import { REPLY_FLAGS } from "../../shared/scoring/replies";
import { resolvePath } from "../routing/args";
import { EVAL_USAGE, parseRepliesArgs } from "./args";
import { evaluateReplies, type FlagRates, SHORT_REPLY } from "./evaluate";
import { readReplies } from "./rows";

const DEFAULT_FILE = path.resolve(
  import.meta.dirname,
  "../../../shared/data/raw/tipdm2020c_attachment4_full_replies.csv",
);

const args = parseRepliesArgs(process.argv.slice(2));
if ("error" in args) {
  process.stderr.write(`${args.error}\n\n${EVAL_USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${EVAL_USAGE}\n`);
  process.exit(0);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const line = (name: string, r: FlagRates) =>
  `  ${name.padEnd(22)} ${String(r.n).padStart(5)}  ${r.meanScore.toFixed(2)}  ${REPLY_FLAGS.map((f) => pct(r.rates[f]).padStart(12)).join("")}${pct(r.rates.any).padStart(10)}`;

try {
  const file = args.file ? resolvePath(args.file) : DEFAULT_FILE;
  const { rows, skipped } = readReplies(file, args.format);
  const e = evaluateReplies(rows);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ file: path.basename(file), skipped: skipped.length, ...e }, null, 2)}\n`);
  } else {
    const out = [
      `${path.basename(file)}: ${e.replies} replies${skipped.length ? ` (${skipped.length} broken rows skipped)` : ""}`,
      "",
      "Own reply against the reply to the most similar other message (TF-IDF cosine of title and body):",
      `  AUC                       ${e.auc.toFixed(3)}`,
      `  AUC, own reply not boilerplate (n=${e.aucSubstantive.n})  ${e.aucSubstantive.auc.toFixed(3)}`,
      `  own reply scores higher   ${pct(e.pairedWins)} of messages (ties half)`,
      `  neighbour got the same reply text: ${e.identicalReplies}`,
      "",
      `Flag rates (short: under ${SHORT_REPLY} characters, white space not counted):`,
      `  ${"".padEnd(22)} ${"n".padStart(5)}  mean  ${REPLY_FLAGS.map((f) => f.padStart(12)).join("")}${"any".padStart(10)}`,
      line("short replies", e.short),
      line("long replies", e.long),
      line("swapped (another's)", e.swapped),
      "",
      `${e.msPerReply.toFixed(2)} ms a check`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  }
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
