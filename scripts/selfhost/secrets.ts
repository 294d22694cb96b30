/**
 * The self-hosted target's secrets live in `<data>/secrets.env` (mode 600), the file systemd's
 * EnvironmentFile reads; workerd takes each from its environment (`fromEnvironment`), so no secret is
 * ever in the generated configuration. A secret missing from the file is generated once, at random.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const secretsFile = (dataDir: string) => path.join(dataDir, "secrets.env");

export function readSecrets(dataDir: string): Record<string, string> {
  const file = secretsFile(dataDir);
  if (!existsSync(file)) return {};
  const secrets: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) secrets[match[1]] = match[2];
  }
  return secrets;
}

/** Every name in `names`, from the file or newly generated (and then written back). */
export function ensureSecrets(dataDir: string, names: string[]): Record<string, string> {
  const secrets = readSecrets(dataDir);
  const missing = names.filter((n) => !secrets[n]);
  for (const name of missing) secrets[name] = randomBytes(32).toString("base64url");
  if (missing.length > 0 || !existsSync(secretsFile(dataDir))) {
    const body = Object.entries(secrets)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
    writeFileSync(
      secretsFile(dataDir),
      `# Wenzheng self-hosted secrets (generated; keep private, back up with the data).\n${body}\n`,
      {
        mode: 0o600,
      },
    );
  }
  chmodSync(secretsFile(dataDir), 0o600);
  return secrets;
}
