/**
 * SQL against an environment's D1 through `wrangler d1 execute` (the one way a script reaches a
 * remote D1): "local" is the database `npm start` uses (.wrangler/state).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { root } from "./platform.ts";

export const D1_ENVIRONMENTS = ["local", "staging", "production"] as const;

function execute(env: string, args: string[]): string {
  const where = env === "local" ? ["--local", "--persist-to", ".wrangler/state"] : ["--remote", "--env", env];
  return execFileSync(
    process.execPath,
    [path.join(root, "node_modules/wrangler/bin/wrangler.js"), "d1", "execute", "DB", ...where, ...args],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The rows one statement returns. */
export function d1Query(env: string, command: string): Record<string, unknown>[] {
  const out = JSON.parse(execute(env, ["--json", "--command", command])) as { results: Record<string, unknown>[] }[];
  return out[0]?.results ?? [];
}

/** Runs a file of statements. */
export function d1ExecuteFile(env: string, file: string): void {
  execute(env, ["--file", file, "--yes"]);
}

/** A string as an SQL literal. */
export const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
