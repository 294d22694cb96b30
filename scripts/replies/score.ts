/**
 * `npm run replies:score -- --file F --format tipdm [--json]`: every reply of a board export
 * checked against its message with the console's own reply check (README "Reply quality").
 */
import { resolvePath } from "../routing/args";
import { parseRepliesArgs, SCORE_USAGE } from "./args";
import { readReplies } from "./rows";
import { scoreRows, scoreTable } from "./score-rows";

const args = parseRepliesArgs(process.argv.slice(2));
if ("error" in args || (!args.help && !args.file)) {
  process.stderr.write(`${"error" in args ? args.error : "give --file"}\n\n${SCORE_USAGE}\n`);
  process.exit(2);
}
if (args.help || !args.file) {
  process.stdout.write(`${SCORE_USAGE}\n`);
  process.exit(0);
}
try {
  const { rows, skipped } = readReplies(resolvePath(args.file), args.format);
  for (const s of skipped) process.stderr.write(`row ${s.row} skipped: ${s.problem}\n`);
  const scored = scoreRows(rows);
  // One reply a line: still one JSON array, and a reader can grep it.
  const json = `[\n${scored.map((s) => JSON.stringify(s)).join(",\n")}\n]`;
  process.stdout.write(`${args.json ? json : scoreTable(rows, scored).join("\n")}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
