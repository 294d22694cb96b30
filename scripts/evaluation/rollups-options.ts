/** The pure parts of `npm run rollups:rebuild`: its arguments and the config that binds a remote D1. */
import path from "node:path";
import { parseArgs } from "node:util";
import { D1_ENVIRONMENTS } from "../d1-execute.ts";

export type D1Environment = (typeof D1_ENVIRONMENTS)[number];

export const USAGE =
  "Usage: npm run rollups:rebuild -- [--env local|staging|production] [--dry-run] [--persist-to DIR (local only)]";

export interface RebuildArgs {
  env: D1Environment;
  dryRun: boolean;
  /** Where the local D1 lives (wrangler's --persist-to); only for env local. */
  persistTo: string;
}

export class UsageError extends Error {}

export function parseRebuildArgs(argv: string[], root: string): RebuildArgs {
  let values: { env?: string; "dry-run"?: boolean; "persist-to"?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: "string", default: "local" },
        "dry-run": { type: "boolean", default: false },
        "persist-to": { type: "string" },
      },
    }));
  } catch (error) {
    // --write was the old way to replace the rollups; say so rather than only "unknown option".
    const hint = argv.includes("--write")
      ? " (--write is gone: replacing is the default, --dry-run only compares)"
      : "";
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}${hint}\n${USAGE}`);
  }
  const env = D1_ENVIRONMENTS.find((e) => e === values.env);
  if (!env) throw new UsageError(`--env must be local, staging or production, got "${values.env}".\n${USAGE}`);
  if (env !== "local" && values["persist-to"] !== undefined)
    throw new UsageError(`--persist-to is for the local database only, not ${env}.\n${USAGE}`);
  return {
    env,
    dryRun: values["dry-run"] ?? false,
    persistTo: path.resolve(root, values["persist-to"] ?? ".wrangler/state"),
  };
}

/**
 * A wrangler.json holding only the environment's D1 binding, marked remote, so getPlatformProxy
 * talks to the deployed database. Written to a temporary file: the committed configs stay as they
 * are, with no account-specific id in them.
 */
export function remoteD1Config(worker: {
  name: string;
  compatibilityDate: string;
  databaseName: string;
  databaseId: string;
}): object {
  return {
    name: worker.name,
    compatibility_date: worker.compatibilityDate,
    d1_databases: [{ binding: "DB", database_name: worker.databaseName, database_id: worker.databaseId, remote: true }],
  };
}

/** The id of the named database in the account's list, or a message that says what to run. */
export function databaseIdOf(databases: { name: string; uuid: string }[], name: string, env: string): string {
  const found = databases.find((d) => d.name === name);
  if (!found) throw new Error(`The account has no D1 database ${name}: run \`npm run setup -- --env ${env}\` first.`);
  return found.uuid;
}

/** The progress line: one per page, or one line rewritten in place on a terminal. */
export function progressLine(read: { cases: number; events: number }, tty: boolean): string {
  const text = `… ${read.cases} cases, ${read.events} events read`;
  return tty ? `\r${text}` : `${text}\n`;
}
