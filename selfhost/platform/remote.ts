/**
 * Bindings that reach the other workerd process when the self-hosted target runs as two (`npm run
 * selfhost -- --split`: the front holds intake, the case objects, D1 and the queues; the back runs the
 * consumers, as Cloudflare runs each Worker apart). They are wrapped bindings (a workerd extension,
 * `selfhost:remote`), so the Workers' code sees the same API as on one process:
 * - `remoteObjects`: a durable object namespace bound from another Worker (`script_name`), whose
 *   stubs' method calls travel as JSON to the front's object gateway (gateway.ts). The case object's
 *   contract is plain data (its results are values, its domain errors too), so JSON carries it.
 * - `remoteWorker`: a Worker's queue and scheduled handlers, for the front's queue brokers and cron
 *   ledger, delivered through the back's relay (gateway.ts).
 */
import type { DeliveredMessage, QueueOutcome, WorkerService } from "./env.ts";

async function post<T>(target: Fetcher, url: string, body: unknown): Promise<T> {
  const res = await target.fetch(url, { method: "POST", body: JSON.stringify(body) });
  const out = (await res.json()) as { value?: T; error?: string };
  if (!res.ok) throw new Error(out.error ?? `HTTP ${res.status}`);
  return out.value as T;
}

export function remoteObjects(env: { gateway: Fetcher; className: string }) {
  const stub = (name: string) =>
    new Proxy(
      {},
      {
        // Every method is a call to the front; `then` stays undefined so a stub is not mistaken for a promise.
        get: (_target, method) =>
          typeof method === "string" && method !== "then"
            ? (...args: unknown[]) =>
                post(env.gateway, "http://objects/call", { className: env.className, name, method, args })
            : undefined,
      },
    );
  return { getByName: stub };
}

export function remoteWorker(env: { relay: Fetcher; worker: string }): WorkerService {
  return {
    queue: (queueName: string, messages: DeliveredMessage[]) =>
      post<QueueOutcome>(env.relay, `http://relay/queue/${env.worker}`, {
        queueName,
        messages: messages.map((m) => ({
          ...m,
          timestamp: m.timestamp.getTime(),
          serializedBody: m.serializedBody ? toBase64(m.serializedBody) : undefined,
        })),
      }),
    scheduled: ({ cron, scheduledTime }) =>
      post(env.relay, `http://relay/scheduled/${env.worker}`, { cron, scheduledTime: scheduledTime.getTime() }),
  };
}

export function toBase64(buffer: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text);
}

export function fromBase64(text: string): ArrayBuffer {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
}
