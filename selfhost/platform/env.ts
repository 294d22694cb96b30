/**
 * The platform Worker's bindings. It has no wrangler config (it exists only on the self-hosted
 * target), so `wrangler types` cannot generate this: scripts/selfhost/workerd-config.ts writes the
 * bindings from a record typed by this interface, so the compiler keeps the two in step.
 */
import type { CronLedger } from "./cron.ts";
import type { D1Database } from "./d1.ts";
import type { QueueBroker } from "./queue-broker.ts";

/** A consumer's settings, as its wrangler config gives them (`[[queues.consumers]]`). */
export interface ConsumerSettings {
  /** The service binding (in `WORKERS`) of the Worker that consumes it. */
  worker: string;
  maxBatchSize: number;
  maxBatchTimeoutSeconds: number;
  maxRetries: number;
  retryDelaySeconds: number;
  /** Batches in flight at once (`max_concurrency`). */
  maxConcurrency: number;
  deadLetterQueue?: string;
}

export interface CronTrigger {
  worker: string;
  cron: string;
}

export interface PlatformEnv {
  D1_DATABASES: DurableObjectNamespace<D1Database>;
  QUEUE_BROKERS: DurableObjectNamespace<QueueBroker>;
  CRON_LEDGER: DurableObjectNamespace<CronLedger>;
  /** Every queue by name, with its consumer when one is configured. */
  QUEUES: Record<string, ConsumerSettings | null>;
  CRONS: CronTrigger[];
  /** The bearer token for the control routes (tick, SQL), from the environment. */
  CONTROL_TOKEN: string | null;
  /** The platform's D1 database name, for the control routes' SQL. */
  DATABASE: string;
  /** Service bindings to the four Workers, by Worker name: queue batches and scheduled events go through them. */
  [worker: `WORKER_${string}`]: WorkerService | undefined;
  /** Split over two processes, the front's object gateway: each class the back's Workers call, by class name. */
  [objects: `OBJECTS_${string}`]: DurableObjectNamespace | undefined;
}

/** What a consumer answers for a batch (workerd's result of `Fetcher.queue()`). */
export interface QueueOutcome {
  outcome: string;
  ackAll: boolean;
  retryBatch: { retry: boolean; delaySeconds?: number };
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

export interface DeliveredMessage {
  id: string;
  timestamp: Date;
  attempts: number;
  serializedBody?: ArrayBuffer;
  body?: unknown;
}

/**
 * A Worker's queue and scheduled handlers, called through its service binding. workerd offers these
 * behind the experimental `service_binding_extra_handlers` flag, so the Workers types leave them out.
 */
export interface WorkerService {
  queue(queueName: string, messages: DeliveredMessage[]): Promise<QueueOutcome>;
  scheduled(options: { cron: string; scheduledTime: Date }): Promise<{ outcome: string; noRetry: boolean }>;
}

export function workerService(env: PlatformEnv, worker: string): WorkerService {
  const service = env[`WORKER_${worker}`];
  if (!service) throw new Error(`no service binding WORKER_${worker}`);
  return service;
}
