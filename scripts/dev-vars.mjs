// Local secrets for `npm start`: each Worker's .dev.vars, created with random values when missing.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secrets `npm start` writes, by the .dev.vars beside each config. wrangler dev passes on only
 * the secrets a config lists under [secrets] required, so each must be listed there (a test checks).
 */
export const LOCAL_SECRETS = {
  ".dev.vars": ["QUERY_CODE_SECRET", "DEMO_SEED_TOKEN", "IMPORT_TOKEN"],
  "workers/assignment/.dev.vars": ["SESSION_SECRET"],
};

/** Reads `KEY=value` / `KEY="value"` lines; enough for the file this script writes. */
export function readDotenv(file) {
  const vars = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/**
 * Makes sure each Worker's local secrets exist (wrangler reads the .dev.vars beside each config);
 * keeps any value already there (query codes depend on it).
 */
export function ensureDevVars(root, file, keys) {
  const existing = existsSync(file) ? readDotenv(file) : null;
  const missing = keys.filter((k) => !existing?.[k]);
  if (missing.length) {
    const lines = `${missing.map((k) => `${k}="${randomBytes(32).toString("hex")}"`).join("\n")}\n`;
    const name = path.relative(root, file);
    if (existing) {
      const text = readFileSync(file, "utf8");
      appendFileSync(file, (text === "" || text.endsWith("\n") ? "" : "\n") + lines);
      console.log(`• Added ${missing.join(", ")} to ${name}`);
    } else {
      writeFileSync(file, lines, { mode: 0o600 });
      console.log(`• Created ${name} with random local secrets`);
    }
  }
  return readDotenv(file);
}
