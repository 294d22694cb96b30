/**
 * What an environment needs on a Cloudflare account, read from the four wrangler configs themselves
 * (so a binding added to a config is created by setup without touching this file).
 */
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import * as z from "zod";
import { PLATFORM_CONFIGS, root } from "../platform.ts";

export const ENVIRONMENTS = ["staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface WorkerPlan {
  /** The deployed name, e.g. wenzheng-intake-staging. */
  name: string;
  configPath: string;
  /** Secrets the config declares as required. */
  secrets: string[];
  /** Workers its service bindings call (they must exist before it deploys with them). */
  services: string[];
  consumers: { queue: string; maxRetries: number | undefined }[];
}

export interface SetupPlan {
  env: Environment;
  database: string;
  queues: string[];
  /** In deploy order: the durable object's host (intake) first, since the others bind its class. */
  workers: WorkerPlan[];
}

/** The parts of a resolved wrangler config setup reads (wrangler's own types for it are not exported). */
const ResolvedConfig = z.object({
  name: z.string(),
  d1_databases: z.array(z.object({ database_name: z.string() })),
  queues: z.object({
    producers: z.array(z.object({ queue: z.string() })).default([]),
    consumers: z
      .array(
        z.object({ queue: z.string(), dead_letter_queue: z.string().optional(), max_retries: z.number().optional() }),
      )
      .default([]),
  }),
  secrets: z.object({ required: z.array(z.string()) }).optional(),
  services: z.array(z.object({ service: z.string() })).default([]),
});

export function planFor(env: Environment): SetupPlan {
  const configs = Object.values(PLATFORM_CONFIGS).map((file) => {
    const configPath = path.join(root, file);
    return { configPath, config: ResolvedConfig.parse(unstable_readConfig({ config: configPath, env })) };
  });
  const databases = new Set(configs.flatMap(({ config }) => config.d1_databases.map((d) => d.database_name)));
  const [database, ...others] = [...databases];
  if (!database || others.length > 0) throw new Error(`expected one D1 database for ${env}, found ${[...databases]}`);
  const queues = new Set(
    configs.flatMap(({ config }) => [
      ...config.queues.producers.map((p) => p.queue),
      ...config.queues.consumers.flatMap((c) => [c.queue, ...(c.dead_letter_queue ? [c.dead_letter_queue] : [])]),
    ]),
  );
  return {
    env,
    database,
    queues: [...queues].sort(),
    workers: configs.map(({ configPath, config }) => ({
      name: config.name,
      configPath,
      secrets: config.secrets?.required ?? [],
      services: config.services.map((s) => s.service),
      consumers: config.queues.consumers.map((c) => ({ queue: c.queue, maxRetries: c.max_retries })),
    })),
  };
}
