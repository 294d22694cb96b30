import type * as z from "zod";
import { logEvent } from "../log";
import { type DeadLetterEnvelope, describeError, errorKind } from "./dead-letter";

/** Every consumer's `max_retries` in the wrangler configs (scripts/setup checks they agree). */
export const QUEUE_MAX_RETRIES = 5;

export interface ConsumeOptions<T> {
  schema: z.ZodType<T>;
  /** Where unparseable messages go at once, and failing ones after their last retry. */
  deadLetters: Pick<Queue, "send">;
  handle: (message: T) => Promise<void>;
}

/**
 * Handles a batch message by message: each is parsed with its shared schema and acked or retried
 * alone, so one bad message never fails the batch. Handlers must be idempotent (at-least-once).
 * A message that cannot succeed goes to the dead letters with its error, where a consumer records
 * it in D1 for the console's failed-work page (the platform's own move would lose the error).
 */
export async function consumeEach<T>(batch: MessageBatch<unknown>, options: ConsumeOptions<T>): Promise<void> {
  const bury = (message: Message<unknown>, error: string) => {
    const envelope: DeadLetterEnvelope = {
      v: 1,
      kind: "dead-letter",
      queue: batch.queue,
      messageId: message.id,
      body: message.body,
      error,
      attempts: message.attempts,
    };
    return options.deadLetters.send(envelope);
  };
  for (const message of batch.messages) {
    const parsed = options.schema.safeParse(message.body);
    if (!parsed.success) {
      logEvent("error", "queue-message-unparseable", { queue: batch.queue, messageId: message.id });
      await bury(message, "unparseable: it does not match the queue's message schema");
      message.ack();
      continue;
    }
    try {
      await options.handle(parsed.data);
      message.ack();
    } catch (error) {
      logEvent("error", "queue-message-failed", {
        queue: batch.queue,
        messageId: message.id,
        attempts: message.attempts,
        error: errorKind(error),
      });
      // The last delivery: after it the platform would move the message without its error.
      if (message.attempts > QUEUE_MAX_RETRIES) {
        await bury(message, describeError(error));
        message.ack();
      } else message.retry({ delaySeconds: Math.min(300, 5 * 2 ** (message.attempts - 1)) });
    }
  }
}
