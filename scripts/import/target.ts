import { existsSync } from "node:fs";
import path from "node:path";
import { readDotenv } from "../dev-vars.mjs";
import type { ImportArgs } from "./args";
import type { Target } from "./client";

/** Where the import goes and with which token: the local dev session's .dev.vars, or the environment for a deployed city. */
export function resolveTarget(
  args: Pick<ImportArgs, "env" | "url">,
  root: string,
  env: Record<string, string | undefined>,
): Target | { error: string } {
  if (args.env === "local") {
    const file = path.join(root, ".dev.vars");
    const token = (existsSync(file) ? readDotenv(file).IMPORT_TOKEN : undefined) || env.IMPORT_TOKEN;
    if (!token)
      return {
        error: `No IMPORT_TOKEN in ${file}: run npm start once (it writes the local secrets), or add IMPORT_TOKEN="…" there and restart it.`,
      };
    return { baseUrl: args.url ?? `http://localhost:${env.PORT ?? 8787}`, token };
  }
  if (!args.url) return { error: `--env ${args.env} needs --url (the intake Worker's address).` };
  if (!env.IMPORT_TOKEN)
    return { error: `--env ${args.env} needs IMPORT_TOKEN in the environment (the secret set on the intake Worker).` };
  return { baseUrl: args.url, token: env.IMPORT_TOKEN };
}
