/**
 * What an environment needs on a Cloudflare account, read from the four wrangler configs themselves
 * (so a binding added to a config is created by setup without touching this file).
 */
import { readWorkerConfigs } from "../selfhost/worker-configs.ts";

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

export function planFor(env: Environment): SetupPlan {
  const configs = readWorkerConfigs(env);
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
