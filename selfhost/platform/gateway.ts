/**
 * The two ends of remote.ts, for the self-hosted target split over two workerd processes:
 * - `ObjectGateway` (front): runs a method of a durable object for the back's Workers;
 * - `Relay` (back): hands a queue batch or a scheduled event from the front's brokers and cron
 *   ledger to one of the back's Workers.
 * Both listen on loopback sockets only; their bodies are JSON ({ value } or { error }).
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import { type PlatformEnv, workerService } from "./env.ts";
import { fromBase64 } from "./remote.ts";

const answer = async (work: () => Promise<unknown>) => {
  try {
    return Response.json({ value: await work() });
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
};

export class ObjectGateway extends WorkerEntrypoint<PlatformEnv> {
  override async fetch(request: Request): Promise<Response> {
    const { className, name, method, args } = (await request.json()) as {
      className: string;
      name: string;
      method: string;
      args: unknown[];
    };
    return answer(async () => {
      const namespace = this.env[`OBJECTS_${className}`];
      if (!namespace) throw new Error(`no durable object class ${className} here`);
      // The method's name arrives as data, so the stub is indexed by it: its typed RPC surface cannot be.
      const stub = namespace.getByName(name) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const call = stub[method];
      if (typeof call !== "function") throw new Error(`${className} has no method ${method}`);
      return call(...args);
    });
  }
}

export class Relay extends WorkerEntrypoint<PlatformEnv> {
  override async fetch(request: Request): Promise<Response> {
    const [, kind, worker = ""] = new URL(request.url).pathname.split("/");
    const body = (await request.json()) as {
      queueName: string;
      messages: { id: string; timestamp: number; attempts: number; serializedBody?: string; body?: unknown }[];
      cron: string;
      scheduledTime: number;
    };
    const target = workerService(this.env, worker);
    if (kind === "queue")
      return answer(() =>
        target.queue(
          body.queueName,
          body.messages.map((m) => ({
            id: m.id,
            timestamp: new Date(m.timestamp),
            attempts: m.attempts,
            ...(m.serializedBody === undefined ? { body: m.body } : { serializedBody: fromBase64(m.serializedBody) }),
          })),
        ),
      );
    if (kind === "scheduled")
      return answer(() => target.scheduled({ cron: body.cron, scheduledTime: new Date(body.scheduledTime) }));
    return Response.json({ error: `no ${kind}` }, { status: 404 });
  }
}
