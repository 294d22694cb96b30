/**
 * Durable queues for the self-hosted target: one durable object per queue holds its messages in
 * SQLite and delivers them to the consumer Worker with `Fetcher.queue()`, the way Cloudflare Queues do:
 * batches of up to max_batch_size after at most max_batch_timeout, per-message retry with a delay,
 * a dead-letter queue after max_retries, at-least-once.
 *
 * Nothing lives only in memory. A message is deleted only after its consumer acknowledged it; a batch
 * in flight is leased, and a lease does not outlive the process (the constructor releases them), so a
 * kill -9 during a delivery redelivers that batch after the restart. The alarm (persisted by workerd
 * beside the objects) is the only clock. Unlike Miniflare's broker, which keeps messages in memory.
 */
import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
import { type ConsumerSettings, type PlatformEnv, type QueueOutcome, workerService } from "./env.ts";
import { fromBase64 } from "./remote.ts";

/** What a producer's `send`/`sendBatch` carries, as workerd's queue binding posts it. */
export interface IncomingMessage {
  contentType: "text" | "json" | "bytes" | "v8";
  body: ArrayBuffer;
  delaySeconds: number;
  /** Kept when a message moves to its dead-letter queue. */
  id?: string;
  timestamp?: number;
}

interface StoredMessage extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  timestamp: number;
  content_type: string;
  body: ArrayBuffer;
  attempts: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue (name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  timestamp INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  visible_at INTEGER NOT NULL,
  leased INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS messages_ready ON messages (leased, visible_at, seq);
-- A lease belongs to the process that took it: after a restart nothing is in flight any more.
UPDATE messages SET leased = 0 WHERE leased = 1;`;

export class QueueBroker extends DurableObject<PlatformEnv> {
  #sql = this.ctx.storage.sql;

  constructor(ctx: DurableObjectState, env: PlatformEnv) {
    super(ctx, env);
    this.#sql.exec(SCHEMA);
  }

  #name(): string | undefined {
    const row = this.#sql.exec<{ name: string }>("SELECT name FROM queue").toArray()[0];
    return row?.name;
  }

  #consumer(): ConsumerSettings | null {
    const name = this.#name();
    return name === undefined ? null : (this.env.QUEUES[name] ?? null);
  }

  /** Stores messages (a dead-letter move keeps id and timestamp: a repeated move stores nothing twice). */
  async enqueue(queue: string, messages: IncomingMessage[]): Promise<{ backlog: number }> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      if (this.#name() === undefined) this.#sql.exec("INSERT INTO queue (name) VALUES (?)", queue);
      for (const m of messages)
        this.#sql.exec(
          "INSERT OR IGNORE INTO messages (id, timestamp, content_type, body, visible_at) VALUES (?, ?, ?, ?, ?)",
          m.id ?? crypto.randomUUID().replaceAll("-", ""),
          m.timestamp ?? now,
          m.contentType,
          m.body,
          now + m.delaySeconds * 1000,
        );
    });
    await this.#schedule();
    return { backlog: this.backlog() };
  }

  backlog(): number {
    return Number(this.#sql.exec("SELECT count(*) AS n FROM messages").one().n);
  }

  /** The next delivery: now when a full batch is ready, else the oldest ready message plus the batch timeout. */
  async #schedule(): Promise<void> {
    const consumer = this.#consumer();
    if (!consumer) return; // a queue nobody consumes keeps its messages, as on Cloudflare
    const now = Date.now();
    const ready = this.#sql
      .exec<{ n: number; first: number | null }>(
        "SELECT count(*) AS n, min(visible_at) AS first FROM messages WHERE leased = 0 AND visible_at <= ?",
        now,
      )
      .one();
    let at: number;
    if (ready.n >= consumer.maxBatchSize) at = now;
    else if (ready.first !== null) at = ready.first + consumer.maxBatchTimeoutSeconds * 1000;
    else {
      const next = this.#sql
        .exec<{ first: number | null }>("SELECT min(visible_at) AS first FROM messages WHERE leased = 0")
        .one().first;
      if (next === null) return;
      at = next + consumer.maxBatchTimeoutSeconds * 1000;
    }
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(Math.max(at, now));
  }

  /** Up to maxConcurrency batches at once, as Cloudflare scales a consumer out (order comes from the objects). */
  override async alarm(): Promise<void> {
    const consumer = this.#consumer();
    const name = this.#name();
    if (!consumer || name === undefined) return;
    const ready = this.#sql
      .exec<StoredMessage>(
        "SELECT seq, id, timestamp, content_type, body, attempts FROM messages WHERE leased = 0 AND visible_at <= ? ORDER BY seq LIMIT ?",
        Date.now(),
        consumer.maxBatchSize * consumer.maxConcurrency,
      )
      .toArray();
    const batches: StoredMessage[][] = [];
    for (let i = 0; i < ready.length; i += consumer.maxBatchSize)
      batches.push(ready.slice(i, i + consumer.maxBatchSize));
    await Promise.all(batches.map((batch) => this.#deliver(name, consumer, batch)));
    await this.#schedule();
  }

  async #deliver(name: string, consumer: ConsumerSettings, batch: StoredMessage[]): Promise<void> {
    const seqs = batch.map((m) => m.seq);
    const inList = seqs.map(() => "?").join(", ");
    this.#sql.exec(`UPDATE messages SET leased = 1 WHERE seq IN (${inList})`, ...seqs);
    let result: QueueOutcome;
    try {
      result = await workerService(this.env, consumer.worker).queue(
        name,
        batch.map((m) => ({
          id: m.id,
          timestamp: new Date(m.timestamp),
          attempts: m.attempts + 1,
          ...(m.content_type === "v8" ? { serializedBody: m.body } : { body: decode(m.content_type, m.body) }),
        })),
      );
    } catch (error) {
      console.error(`queue ${name}: delivery to ${consumer.worker} failed: ${String(error)}`);
      result = {
        outcome: "exception",
        ackAll: false,
        retryBatch: { retry: true },
        explicitAcks: [],
        retryMessages: [],
      };
    }
    const dead = this.#settle(consumer, batch, result);
    if (dead.length > 0 && consumer.deadLetterQueue) {
      await this.env.QUEUE_BROKERS.getByName(consumer.deadLetterQueue).enqueue(
        consumer.deadLetterQueue,
        dead.map((m) => ({
          id: m.id,
          timestamp: m.timestamp,
          contentType: asContentType(m.content_type),
          body: m.body,
          delaySeconds: 0,
        })),
      );
    }
    if (dead.length > 0) {
      if (!consumer.deadLetterQueue)
        console.warn(`queue ${name}: dropped ${dead.length} message(s) after ${consumer.maxRetries + 1} attempts`);
      this.#sql.exec(
        `DELETE FROM messages WHERE seq IN (${dead.map(() => "?").join(", ")})`,
        ...dead.map((m) => m.seq),
      );
    }
  }

  /**
   * Applies the consumer's answer in one transaction: acknowledged messages go, retried ones come
   * back after their delay; returns those out of attempts (moved to the dead-letter queue before they
   * are deleted here, so a crash between the two repeats the move, which stores nothing twice).
   */
  #settle(consumer: ConsumerSettings, batch: StoredMessage[], result: QueueOutcome): StoredMessage[] {
    const failedBatch = result.outcome !== "ok" || result.retryBatch.retry;
    const acked = new Set(result.explicitAcks);
    const retried = new Map(result.retryMessages.map((r) => [r.msgId, r.delaySeconds]));
    const batchDelay = result.retryBatch.delaySeconds ?? consumer.retryDelaySeconds;
    const now = Date.now();
    const dead: StoredMessage[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const m of batch) {
        const retry = retried.has(m.id) || (failedBatch && !acked.has(m.id));
        if (!retry) this.#sql.exec("DELETE FROM messages WHERE seq = ?", m.seq);
        else if (m.attempts + 1 > consumer.maxRetries) {
          dead.push(m);
          this.#sql.exec("UPDATE messages SET attempts = attempts + 1 WHERE seq = ?", m.seq);
        } else
          this.#sql.exec(
            "UPDATE messages SET attempts = attempts + 1, leased = 0, visible_at = ? WHERE seq = ?",
            now + (retried.get(m.id) ?? batchDelay) * 1000,
            m.seq,
          );
      }
    });
    return dead;
  }
}

const asContentType = (value: string): IncomingMessage["contentType"] =>
  value === "text" || value === "json" || value === "bytes" ? value : "v8";

function decode(contentType: string, body: ArrayBuffer): unknown {
  if (contentType === "bytes") return body;
  const text = new TextDecoder().decode(body);
  return contentType === "json" ? JSON.parse(text) : text;
}

/**
 * The service a queue binding points at; `ctx.props.queue` names the queue. workerd's producer posts
 * one message to /message (the body raw, its format in X-Msg-Fmt) or a batch to /batch (JSON, bodies
 * base64).
 */
export class QueueEntry extends WorkerEntrypoint<PlatformEnv, { queue: string }> {
  override async fetch(request: Request): Promise<Response> {
    const queue = this.ctx.props.queue;
    const { pathname } = new URL(request.url);
    const delayHeader = request.headers.get("X-Msg-Delay-Secs");
    const delaySeconds = delayHeader === null ? 0 : Number(delayHeader);
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 86_400)
      return new Response(`invalid delay ${delayHeader}`, { status: 400 });
    let messages: IncomingMessage[];
    if (request.method === "POST" && pathname === "/message")
      messages = [
        {
          contentType: asContentType(request.headers.get("X-Msg-Fmt") ?? "v8"),
          body: await request.arrayBuffer(),
          delaySeconds,
        },
      ];
    else if (request.method === "POST" && pathname === "/batch") {
      const { messages: incoming } = (await request.json()) as {
        messages: { contentType?: string; body: string; delaySecs?: number }[];
      };
      messages = incoming.map((m) => ({
        contentType: asContentType(m.contentType ?? "v8"),
        body: fromBase64(m.body),
        delaySeconds: m.delaySecs ?? delaySeconds,
      }));
    } else return new Response(`no ${request.method} ${pathname}`, { status: 404 });
    const { backlog } = await this.env.QUEUE_BROKERS.getByName(queue).enqueue(queue, messages);
    return Response.json({
      metadata: { metrics: { backlogCount: backlog, backlogBytes: 0, oldestMessageTimestamp: 0 } },
    });
  }
}
