/**
 * The workerd configuration (Cap'n Proto text) for the self-hosted target, generated from the Workers'
 * wrangler configurations and never edited by hand. Each Cloudflare binding becomes its workerd form:
 * - D1 → workerd's own D1 client (`cloudflare-internal:d1-api`) over the platform's D1 backend;
 * - a queue producer → workerd's queue binding, posting to the platform's durable broker;
 * - a rate limiter → an RPC entrypoint of the platform with the same `limit({ key })`;
 * - a durable object bound from another Worker (`script_name`) → workerd's `serviceName` designator;
 * - a secret → `fromEnvironment`, so no secret is ever written into this file;
 * - crons and queue consumers → JSON for the platform, which delivers batches and fires crons.
 * Durable objects (the Workers' and the platform's) are SQLite files under the data directory.
 */

import type { ConsumerSettings, CronTrigger, PlatformEnv } from "../../selfhost/platform/env.ts";
import { capnpString, diskService, INTERNET_SERVICE, json, PLATFORM_SERVICE } from "./capnp.ts";
import { LOCAL_REACH, workerBlock } from "./worker-block.ts";
import type { WorkerConfig } from "./worker-configs.ts";

/** The environment variable that carries the control token (the platform's CONTROL_TOKEN). */
export const CONTROL_TOKEN_VARIABLE = "SELFHOST_CONTROL_TOKEN";
export const PLATFORM_COMPATIBILITY_DATE = "2026-10-15";

export interface BuiltModule {
  /** The name the bundle imports it by (its file name beside the bundle). */
  name: string;
  /** Path relative to the configuration file, for `embed`. */
  file: string;
  type: "esModule" | "text";
}

export interface ServedWorker {
  config: WorkerConfig;
  /** The bundle first (the main module), then the modules beside it. */
  modules: BuiltModule[];
}

/**
 * The sockets' default addresses; `workerd serve … --socket-addr http=HOST:PORT --socket-addr
 * control=127.0.0.1:PORT` overrides them (npm run selfhost and the systemd unit do).
 */
export const DEFAULT_ADDRESS = "127.0.0.1:8788";
export const DEFAULT_CONTROL_ADDRESS = "127.0.0.1:8789";
/**
 * Where the durable objects' SQLite files live by default (the installed layout); `--directory-path
 * do-<name>=DIR` moves each (storageDirectories), so one build serves any data directory.
 */
export const DEFAULT_STATE_DIR = "/var/lib/wenzheng/state";
/** Batches a queue delivers at once when the consumer config does not set `max_concurrency`. */
const DEFAULT_CONCURRENCY = 4;

export interface WorkerdConfigOptions {
  /** The platform bundle, relative to the configuration file. */
  platformModule: string;
}

/** Each disk service of the configuration and the state subdirectory it stands for. */
export function storageDirectories(
  workers: readonly { config: { name: string } }[],
): { service: string; subdir: string }[] {
  return [...workers.map(({ config }) => config.name), PLATFORM_SERVICE].map((name) => ({
    service: diskService(name),
    subdir: name,
  }));
}

/** Cloudflare's consumer defaults where the config is silent. */
export function consumerSettings(worker: string, c: WorkerConfig["queues"]["consumers"][number]): ConsumerSettings {
  return {
    worker,
    maxBatchSize: c.max_batch_size ?? 10,
    maxBatchTimeoutSeconds: c.max_batch_timeout ?? 5,
    maxRetries: c.max_retries ?? 3,
    retryDelaySeconds: c.retry_delay ?? 0,
    // Cloudflare scales a consumer out on its own (up to 250); one VM's worth here unless the config says.
    maxConcurrency: c.max_concurrency ?? DEFAULT_CONCURRENCY,
    ...(c.dead_letter_queue ? { deadLetterQueue: c.dead_letter_queue } : {}),
  };
}

/** Every queue a Worker produces to or consumes, and who consumes it. */
export function queueTable(workers: ServedWorker[]): Record<string, ConsumerSettings | null> {
  const table: Record<string, ConsumerSettings | null> = {};
  for (const { config } of workers) {
    for (const p of config.queues.producers) table[p.queue] ??= null;
    for (const c of config.queues.consumers) {
      if (table[c.queue]) throw new Error(`queue ${c.queue} has two consumers`);
      table[c.queue] = consumerSettings(config.name, c);
      if (c.dead_letter_queue) table[c.dead_letter_queue] ??= null;
    }
  }
  return table;
}

/** What the platform reaches in the other process when split (split-config.ts); nothing when whole. */
export interface PlatformReach {
  /** The WORKER_<name> binding's body for a Worker the other process serves. */
  remoteWorker(worker: string): string;
  /** Workers the other process serves. */
  remote: ReadonlySet<string>;
  /** Durable object classes the other process's Workers call through the object gateway. */
  gatewayClasses: { className: string; worker: string }[];
}

export function platformBlock(workers: ServedWorker[], platformModule: string, reach?: PlatformReach): string {
  const crons: CronTrigger[] = workers.flatMap(({ config }) =>
    config.triggers.crons.map((cron) => ({ worker: config.name, cron })),
  );
  const databases = new Set(workers.flatMap(({ config }) => config.d1_databases.map((d) => d.database_name)));
  const [database, ...others] = [...databases];
  if (!database || others.length > 0) throw new Error(`expected one D1 database, found ${[...databases].join(", ")}`);
  // Typed by the platform's Env, so a binding it reads and this config cannot drift apart.
  const named: Record<Exclude<keyof PlatformEnv, `WORKER_${string}` | `OBJECTS_${string}`>, string> = {
    D1_DATABASES: `durableObjectNamespace = "D1Database"`,
    QUEUE_BROKERS: `durableObjectNamespace = "QueueBroker"`,
    CRON_LEDGER: `durableObjectNamespace = "CronLedger"`,
    QUEUES: `json = ${json(queueTable(workers))}`,
    CRONS: `json = ${json(crons)}`,
    DATABASE: `text = ${capnpString(database)}`,
    CONTROL_TOKEN: `fromEnvironment = ${capnpString(CONTROL_TOKEN_VARIABLE)}`,
  };
  const binding = [
    ...Object.entries(named).map(([name, value]) => `(name = ${capnpString(name)}, ${value})`),
    ...workers.map(({ config }) =>
      reach?.remote.has(config.name)
        ? `(name = ${capnpString(`WORKER_${config.name}`)}, ${reach.remoteWorker(config.name)})`
        : `(name = ${capnpString(`WORKER_${config.name}`)}, service = ${capnpString(config.name)})`,
    ),
    ...(reach?.gatewayClasses ?? []).map(
      (c) => `(name = ${capnpString(`OBJECTS_${c.className}`)}, ${LOCAL_REACH.foreignObjects(c.className, c.worker)})`,
    ),
  ];
  const namespaces = ["D1Database", "QueueBroker", "CronLedger"].map(
    (c) => `(className = ${capnpString(c)}, uniqueKey = ${capnpString(`wenzheng-selfhost-${c}`)}, enableSql = true)`,
  );
  return `(
  modules = [(name = "platform.js", esModule = embed ${capnpString(platformModule)})],
  compatibilityDate = ${capnpString(PLATFORM_COMPATIBILITY_DATE)},
  # Fetcher.queue() and Fetcher.scheduled() are behind this experimental flag (workerd --experimental).
  compatibilityFlags = ["service_binding_extra_handlers", "experimental"],
  bindings = [
${binding.map((b) => `    ${b}`).join(",\n")}
  ],
  durableObjectNamespaces = [
${namespaces.map((n) => `    ${n}`).join(",\n")}
  ],
  durableObjectStorage = (localDisk = ${capnpString(diskService(PLATFORM_SERVICE))})
)`;
}

/** A configuration file: its services, sockets, optional extra top-level fields, and the Worker constants. */
export function configDocument(parts: {
  services: string[];
  sockets: string[];
  extra?: string;
  blocks: string[];
}): string {
  return `# Generated by scripts/selfhost/ from the Workers' [env.selfhost] wrangler configs. Do not edit.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
${[...parts.services, INTERNET_SERVICE].join(",\n")}
  ],
  sockets = [
${parts.sockets.join(",\n")}
  ]${parts.extra ? `,\n  ${parts.extra}` : ""}
);

${parts.blocks.join("\n\n")}
`;
}

export const diskEntry = (service: string, dir: string) =>
  `    (name = ${capnpString(service)}, disk = (path = ${capnpString(dir)}, writable = true))`;
export const socketEntry = (name: string, address: string, service: string) =>
  `    (name = ${capnpString(name)}, address = ${capnpString(address)}, http = (), service = ${service})`;

/** The whole configuration: one service per Worker, the platform, a disk per Worker's objects, two sockets. */
export function workerdConfig(workers: ServedWorker[], options: WorkerdConfigOptions): string {
  const intake = workers[0]?.config.name;
  if (!intake) throw new Error("no Workers to serve");
  return configDocument({
    services: [
      ...workers.map(({ config }, i) => `    (name = ${capnpString(config.name)}, worker = .worker${i})`),
      `    (name = ${capnpString(PLATFORM_SERVICE)}, worker = .platform)`,
      ...storageDirectories(workers).map(({ service, subdir }) => diskEntry(service, `${DEFAULT_STATE_DIR}/${subdir}`)),
    ],
    sockets: [
      socketEntry("http", DEFAULT_ADDRESS, capnpString(intake)),
      socketEntry("control", DEFAULT_CONTROL_ADDRESS, capnpString(PLATFORM_SERVICE)),
    ],
    blocks: [
      ...workers.map((w, i) => `const worker${i} :Workerd.Worker = ${workerBlock(w)};`),
      `const platform :Workerd.Worker = ${platformBlock(workers, options.platformModule)};`,
    ],
  });
}
