import { recordDeadLetter } from "../../../shared/db/dead-letter-queries";
import { logEvent } from "../../../shared/log";
import { errorKind, kindOfDescription, readDeadLetter } from "../../../shared/queues/dead-letter";

/** Dead-letter queues end in "-dlq" (or "-dlq-<environment>"). */
export const isDeadLetterQueue = (queue: string) => /-dlq(-|$)/.test(queue);

/**
 * Records each dead letter in D1 before acknowledging it, so nothing is lost when the queue's
 * retention runs out, and raises one alert per new letter: a structured log line Workers Logs
 * keeps and an operator's alerting matches on (`"alert":"dead-letter"`). It carries the queue,
 * the id and the error, never the body, which may hold a citizen's case.
 */
export async function recordDeadLetters(
  env: DeadlineEnv,
  batch: MessageBatch<unknown>,
  now = new Date(),
): Promise<void> {
  for (const message of batch.messages) {
    try {
      const record = readDeadLetter(batch.queue, message);
      if (await recordDeadLetter(env.DB, record, now))
        logEvent("error", "dead-letter", {
          alert: true,
          queue: record.queue,
          id: record.id,
          error: kindOfDescription(record.error),
        });
      message.ack();
    } catch (error) {
      logEvent("error", "dead-letter-not-recorded", {
        queue: batch.queue,
        messageId: message.id,
        error: errorKind(error),
      });
      message.retry({ delaySeconds: 60 });
    }
  }
}
