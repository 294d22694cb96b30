import { parseArgs } from "../routing/args";
import { opinionReport, reportTable } from "./report";

/** `npm run opinion -- --file F --format tipdm [--from YYYY-MM] [--to YYYY-MM] [--json]`: the hot issues of a board. */
const USAGE = "npm run opinion -- --file F --format tipdm [--from YYYY-MM] [--to YYYY-MM] [--json]";
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function main(): void {
  const args = parseArgs(process.argv.slice(2), ["file", "format", "from", "to"], ["json"]);
  const file = args.get("file");
  const format = args.get("format") ?? "tipdm";
  const from = args.get("from");
  const to = args.get("to");
  if (!file) throw new Error(`--file is required\n${USAGE}`);
  if (format !== "tipdm") throw new Error(`--format ${format}: only tipdm is read\n${USAGE}`);
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== undefined && !MONTH.test(value)) throw new Error(`--${name} ${value}: expected YYYY-MM`);
  }
  if (from && to && from > to) throw new Error(`--from ${from} is after --to ${to}`);
  const report = opinionReport(file, from, to);
  console.log(args.has("json") ? JSON.stringify(report, null, 2) : reportTable(report));
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
