import type * as z from "zod";

export interface ConsumeOptions<T> {
  schema: z.ZodType<T>;
  /** Where unparseable messages go at once: retrying cannot fix them. */
  deadLetters: Queue;
  handle: (message: T) => Promise<void>;
}

/**
 * Handles a batch message by message: each is parsed with its shared schema and acked or retried
 * alone, so one bad message never fails the batch. Handlers must be idempotent (at-least-once).
 */
export async function consumeEach<T>(batch: MessageBatch<unknown>, options: ConsumeOptions<T>): Promise<void> {
  for (const message of batch.messages) {
    const parsed = options.schema.safeParse(message.body);
    if (!parsed.success) {
      console.error(`queue ${batch.queue}: unparseable message ${message.id} sent to dead letters`);
      await options.deadLetters.send({ queue: batch.queue, messageId: message.id, body: message.body });
      message.ack();
      continue;
    }
    try {
      await options.handle(parsed.data);
      message.ack();
    } catch (error) {
      console.error(
        `queue ${batch.queue}: message ${message.id} failed (attempt ${message.attempts})`,
        error instanceof Error ? error.name : "",
      );
      message.retry({ delaySeconds: Math.min(300, 5 * 2 ** (message.attempts - 1)) });
    }
  }
}
