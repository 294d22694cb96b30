/** Command-line options and default paths shared by the routing CLIs. */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { type LabelledMessage, readMessages } from "../../shared/routing/classifier/csv";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The shared training pool; read in place, never copied into the project. */
export const TRAINING_FILE = path.resolve(ROOT, "../shared/data/messages-train.csv");
export const MODEL_FILE = path.resolve(ROOT, "shared/routing/classifier/model.json");

/** Parses `--name value` pairs and bare `--flag`s; unknown names are rejected so typos show. */
export function parseArgs(
  argv: readonly string[],
  known: readonly string[],
  flags: readonly string[] = [],
): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [name, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (name === undefined) throw new Error(`unexpected argument ${arg}`);
    if (flags.includes(name)) {
      out.set(name, "true");
      continue;
    }
    if (!known.includes(name))
      throw new Error(`unknown option --${name} (known: ${[...known, ...flags].map((k) => `--${k}`).join(", ")})`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new Error(`--${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

/** Relative paths are taken from where the command was started (npm sets INIT_CWD). */
export function resolvePath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export function readDataFile(file: string): LabelledMessage[] {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  return readMessages(readFileSync(file, "utf8"));
}

export function isTrainingFile(file: string): boolean {
  return existsSync(file) && existsSync(TRAINING_FILE) && realpathSync(file) === realpathSync(TRAINING_FILE);
}

/** Runs a CLI body, printing a failure as one line (not a stack trace) with exit code 1. */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
