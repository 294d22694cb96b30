/**
 * The platform Worker of the self-hosted target: what Cloudflare provides beside the Workers (D1,
 * queues, cron, rate limiting), as one workerd service. Its default entry is the control socket.
 */
import { control } from "./control.ts";
import type { PlatformEnv } from "./env.ts";

export { CronLedger } from "./cron.ts";
export { D1Database, D1Entry } from "./d1.ts";
export { ObjectGateway, Relay } from "./gateway.ts";
export { QueueBroker, QueueEntry } from "./queue-broker.ts";
export { RateLimiter } from "./rate-limit.ts";

export default { fetch: control } satisfies ExportedHandler<PlatformEnv>;
