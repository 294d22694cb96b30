/**
 * The Cloudflare account as setup and deploy use it: every call is one wrangler command, so what
 * runs is exactly what an operator would type. The in-memory account in setup.test.ts implements
 * the same interface for the rehearsals.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { experimental_readRawConfig } from "wrangler";
import { root, wrangler, wranglerResult } from "../platform.ts";
import type { Environment } from "./plan.ts";

export interface DeployOptions {
  /** Secrets to upload with this version (wrangler deploy --secrets-file); omitted ones are kept. */
  secrets?: Record<string, string>;
  /** Deploy without the config's service bindings: their targets do not exist yet. */
  withoutServices?: boolean;
}

export interface Account {
  /** The signed-in account's e-mail or name, or null when wrangler is not signed in. */
  whoami(): Promise<string | null>;
  listDatabases(): Promise<string[]>;
  createDatabase(name: string): Promise<void>;
  queueExists(name: string): Promise<boolean>;
  createQueue(name: string): Promise<void>;
  /** Applies the migrations not yet applied (D1 records them, so a second run applies none). */
  applyMigrations(configPath: string, env: Environment): Promise<void>;
  workerExists(name: string): Promise<boolean>;
  listSecrets(configPath: string, env: Environment): Promise<string[]>;
  deploy(configPath: string, env: Environment, options?: DeployOptions): Promise<void>;
}

/** The account's D1 databases, with the ids a config (or a remote binding) needs. */
export async function d1Databases(): Promise<{ name: string; uuid: string }[]> {
  return JSON.parse(await wrangler(["d1", "list", "--json"])) as { name: string; uuid: string }[];
}

/** The account wrangler is signed in to (`wrangler login`, or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID). */
export const wranglerAccount: Account = {
  async whoami() {
    const result = await wranglerResult(["whoami", "--json"]);
    if (!result.ok) return null;
    const me = JSON.parse(result.stdout) as { email?: string; accounts?: { name: string }[] };
    return me.email ?? me.accounts?.[0]?.name ?? "signed in";
  },
  async listDatabases() {
    return (await d1Databases()).map((d) => d.name);
  },
  async createDatabase(name) {
    await wrangler(["d1", "create", name]);
  },
  async queueExists(name) {
    return (await wranglerResult(["queues", "info", name])).ok;
  },
  async createQueue(name) {
    await wrangler(["queues", "create", name]);
  },
  async applyMigrations(configPath, env) {
    await wrangler(["d1", "migrations", "apply", "DB", "--remote", "-c", configPath, "--env", env]);
  },
  async workerExists(name) {
    return (await wranglerResult(["deployments", "list", "--name", name, "--json"])).ok;
  },
  async listSecrets(configPath, env) {
    const out = await wrangler(["secret", "list", "-c", configPath, "--env", env, "--format", "json"]);
    return (JSON.parse(out) as { name: string }[]).map((s) => s.name);
  },
  async deploy(configPath, env, options = {}) {
    const temporary: string[] = [];
    try {
      let config = configPath;
      if (options.withoutServices) {
        // A copy beside the original (so its relative paths still hold) without this env's services.
        const { rawConfig } = experimental_readRawConfig({ config: configPath });
        const raw = rawConfig as { env?: Record<string, { services?: unknown }> };
        if (raw.env?.[env]) delete raw.env[env].services;
        config = path.join(path.dirname(configPath), `wrangler.bootstrap-${env}.json`);
        writeFileSync(config, JSON.stringify(rawConfig, null, 2));
        temporary.push(config);
      }
      const args = ["deploy", "-c", config, "--env", env];
      if (options.secrets && Object.keys(options.secrets).length > 0) {
        mkdirSync(path.join(root, ".wrangler"), { recursive: true });
        const file = path.join(root, ".wrangler", `secrets-${env}-${process.pid}.json`);
        writeFileSync(file, JSON.stringify(options.secrets), { mode: 0o600 });
        temporary.push(file);
        args.push("--secrets-file", file);
      }
      await wrangler(args);
    } finally {
      for (const file of temporary) rmSync(file, { force: true });
    }
  },
};
