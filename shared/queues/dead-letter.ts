import * as z from "zod";

/**
 * What our consumers send to a dead-letter queue: the message as it was, where it failed and why.
 * A message the platform moved there itself (the whole batch failed or timed out) arrives as its
 * bare body instead; {@link readDeadLetter} accepts both.
 */
export const DeadLetterEnvelope = z.object({
  v: z.literal(1),
  kind: z.literal("dead-letter"),
  queue: z.string(),
  messageId: z.string(),
  body: z.unknown(),
  error: z.string(),
  attempts: z.int().nonnegative(),
});
export type DeadLetterEnvelope = z.infer<typeof DeadLetterEnvelope>;

/** A short, log-safe description of an error: its name and message, never its stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

export interface DeadLetterRecord {
  id: string;
  queue: string;
  body: unknown;
  error: string;
  attempts: number;
}

/** The queue a dead-letter queue catches for: `case-intake-dlq-staging` → `case-intake-staging`. */
export function sourceQueueOf(deadLetterQueue: string): string {
  return deadLetterQueue.replace(/-dlq(?=-|$)/, "");
}

export function readDeadLetter(
  deadLetterQueue: string,
  message: { id: string; body: unknown; attempts: number },
): DeadLetterRecord {
  const envelope = DeadLetterEnvelope.safeParse(message.body);
  if (envelope.success) {
    const { messageId, queue, body, error, attempts } = envelope.data;
    return { id: messageId, queue, body, error, attempts };
  }
  return {
    id: message.id,
    queue: sourceQueueOf(deadLetterQueue),
    body: message.body,
    error: "moved here by the platform after its retries (the batch failed or timed out)",
    attempts: message.attempts,
  };
}
