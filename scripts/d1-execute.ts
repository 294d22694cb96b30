/**
 * SQL against an environment's D1: through `wrangler d1 execute` (the one way a script reaches a
 * Cloudflare D1; "local" is the database `npm start` uses, .wrangler/state), or, for "selfhost",
 * through the self-hosted platform's control socket (SELFHOST_DATA names its data directory).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { wrangler } from "./platform.ts";
import { controlEndpoint, sqlBatch } from "./selfhost/control-client.ts";

/** Environments wrangler reaches. */
export const D1_ENVIRONMENTS = ["local", "staging", "production"] as const;
/** Every environment the operator scripts (city, admin:create) can write to. */
export const SCRIPT_ENVIRONMENTS = [...D1_ENVIRONMENTS, "selfhost"] as const;

function execute(env: string, args: string[]): Promise<string> {
  const where = env === "local" ? ["--local", "--persist-to", ".wrangler/state"] : ["--remote", "--env", env];
  return wrangler(["d1", "execute", "DB", ...where, ...args]);
}

/** The rows one statement returns. */
export async function d1Query(env: string, command: string): Promise<Record<string, unknown>[]> {
  if (env === "selfhost") return (await sqlBatch(controlEndpoint(), [{ sql: command }]))[0] ?? [];
  const out = JSON.parse(await execute(env, ["--json", "--command", command])) as {
    results: Record<string, unknown>[];
  }[];
  return out[0]?.results ?? [];
}

/** Runs statements in order, as one transaction where the environment allows it (selfhost, D1's --file). */
export async function d1ExecuteStatements(env: string, statements: string[]): Promise<void> {
  if (env === "selfhost") {
    await sqlBatch(
      controlEndpoint(),
      statements.map((sql) => ({ sql })),
    );
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "wenzheng-sql-"));
  try {
    const file = path.join(dir, "statements.sql");
    writeFileSync(file, `${statements.join(";\n")};\n`);
    await execute(env, ["--file", file, "--yes"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
