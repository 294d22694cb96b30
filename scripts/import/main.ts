/**
 * `npm run import -- --file F --format tipdm|wenzheng [--mapping M] [--dry-run] [--env …] [--url U]`:
 * brings a board's history in through the import API (README "Importing a board's history").
 */
import path from "node:path";
import { parseImportArgs, USAGE } from "./args";
import { runImport } from "./run";

const parsed = parseImportArgs(process.argv.slice(2));
if ("error" in parsed) {
  process.stderr.write(`${parsed.error}\n\n${USAGE}\n`);
  process.exit(2);
}
if (!("file" in parsed)) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

// Ctrl-C: let the batches in flight land and be journaled, then stop; a second Ctrl-C stops at once.
const stop = new AbortController();
process.on("SIGINT", () => {
  if (stop.signal.aborted) process.exit(130);
  process.stderr.write("\nStopping after the batches in flight (Ctrl-C again to stop now)…\n");
  stop.abort();
});

const code = await runImport({
  args: parsed,
  root: path.resolve(import.meta.dirname, "../.."),
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
  signal: stop.signal,
});
process.exit(code);
