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

/**
 * An error's name and message, never its stack, for the dead-letter record an admin reads (like the
 * outbox's last_error). Log lines carry only {@link errorKind}: a message may quote a value.
 */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

/** The error's name only: what a log line may say about it. */
export function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** The kind part of a recorded description ("TypeError: …" → "TypeError"). */
export function kindOfDescription(description: string): string {
  return description.split(":")[0] ?? description;
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
