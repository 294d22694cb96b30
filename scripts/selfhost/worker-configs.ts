/**
 * The four Workers' configurations for an environment, read with wrangler's own reader: what setup
 * creates on Cloudflare (scripts/setup/plan.ts), and for `selfhost` the one source of truth the
 * workerd configuration is generated from.
 */
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import * as z from "zod";
import { PLATFORM_CONFIGS, root } from "../platform.ts";

export const SELFHOST_ENV = "selfhost";

/** The parts of a resolved wrangler config the self-hosted target serves (wrangler's types are not exported). */
const ResolvedConfig = z.object({
  name: z.string(),
  compatibility_date: z.string(),
  compatibility_flags: z.array(z.string()).default([]),
  vars: z.record(z.string(), z.unknown()).default({}),
  secrets: z.object({ required: z.array(z.string()) }).optional(),
  d1_databases: z.array(z.object({ binding: z.string(), database_name: z.string() })).default([]),
  durable_objects: z
    .object({
      bindings: z
        .array(z.object({ name: z.string(), class_name: z.string(), script_name: z.string().optional() }))
        .default([]),
    })
    .default({ bindings: [] }),
  migrations: z.array(z.object({ new_sqlite_classes: z.array(z.string()).optional() })).default([]),
  queues: z
    .object({
      producers: z.array(z.object({ binding: z.string(), queue: z.string() })).default([]),
      consumers: z
        .array(
          z.object({
            queue: z.string(),
            max_batch_size: z.number().optional(),
            max_batch_timeout: z.number().optional(),
            max_retries: z.number().optional(),
            retry_delay: z.number().optional(),
            max_concurrency: z.number().optional(),
            dead_letter_queue: z.string().optional(),
          }),
        )
        .default([]),
    })
    .default({ producers: [], consumers: [] }),
  ratelimits: z
    .array(
      z.object({
        name: z.string(),
        namespace_id: z.string(),
        simple: z.object({ limit: z.number(), period: z.number() }),
      }),
    )
    .default([]),
  services: z
    .array(z.object({ binding: z.string(), service: z.string(), entrypoint: z.string().optional() }))
    .default([]),
  triggers: z.object({ crons: z.array(z.string()).default([]) }).default({ crons: [] }),
});
export type WorkerConfig = z.infer<typeof ResolvedConfig>;

export function readWorkerConfigs(env = SELFHOST_ENV): { configPath: string; config: WorkerConfig }[] {
  return Object.values(PLATFORM_CONFIGS).map((file) => {
    const configPath = path.join(root, file);
    return { configPath, config: ResolvedConfig.parse(unstable_readConfig({ config: configPath, env })) };
  });
}
