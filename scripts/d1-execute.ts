/**
 * SQL against an environment's D1 through `wrangler d1 execute` (the one way a script reaches a
 * remote D1): "local" is the database `npm start` uses (.wrangler/state).
 */
import { wrangler } from "./platform.ts";

export const D1_ENVIRONMENTS = ["local", "staging", "production"] as const;

function execute(env: string, args: string[]): Promise<string> {
  const where = env === "local" ? ["--local", "--persist-to", ".wrangler/state"] : ["--remote", "--env", env];
  return wrangler(["d1", "execute", "DB", ...where, ...args]);
}

/** The rows one statement returns. */
export async function d1Query(env: string, command: string): Promise<Record<string, unknown>[]> {
  const out = JSON.parse(await execute(env, ["--json", "--command", command])) as {
    results: Record<string, unknown>[];
  }[];
  return out[0]?.results ?? [];
}

/** Runs a file of statements. */
export async function d1ExecuteFile(env: string, file: string): Promise<void> {
  await execute(env, ["--file", file, "--yes"]);
}
