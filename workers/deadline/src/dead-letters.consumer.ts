import { recordDeadLetter } from "../../../shared/db/dead-letter-queries";
import { readDeadLetter } from "../../../shared/queues/dead-letter";

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
        console.error(
          JSON.stringify({ alert: "dead-letter", queue: record.queue, id: record.id, error: record.error }),
        );
      message.ack();
    } catch (error) {
      console.error(
        `queue ${batch.queue}: dead letter ${message.id} not recorded yet`,
        error instanceof Error ? error.name : "",
      );
      message.retry({ delaySeconds: 60 });
    }
  }
}
