import { applyIncrements } from "../../../shared/db/rollup-queries";
import { logEvent } from "../../../shared/log";
import { type CaseEventMessage, CaseEventsQueueMessage, eventsOf } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { errorKind } from "../../../shared/queues/dead-letter";

const increments = (events: readonly CaseEventMessage[]) =>
  events.flatMap((e) => (e.rollup ? [{ eventId: e.eventId, caseId: e.caseId, inc: e.rollup }] : []));

/** Counts a message's case events into the rollups once each (keyed by event id); events that count nothing are acked. */
export async function recordCaseEvent(env: EvaluationEnv, message: CaseEventsQueueMessage): Promise<void> {
  await applyIncrements(env.DB, increments(eventsOf(message)));
}

/**
 * A batch of case-events messages: all their increments in one D1 batch (one round trip instead of
 * one per event, which is what an imported year of history or a busy hour needs), acked together.
 * When the batch has a message that does not parse, or the write fails, it goes message by message
 * instead, so the bad one is retried or buried alone (consumeEach) and the rest still count, once each.
 */
export async function recordCaseEvents(env: EvaluationEnv, batch: MessageBatch<unknown>): Promise<void> {
  const parsed = batch.messages.map((m) => CaseEventsQueueMessage.safeParse(m.body));
  if (parsed.every((p) => p.success)) {
    try {
      await applyIncrements(env.DB, increments(parsed.flatMap((p) => (p.success ? eventsOf(p.data) : []))));
      for (const message of batch.messages) message.ack();
      return;
    } catch (error) {
      logEvent("warn", "case-events-batch-failed", { messages: batch.messages.length, error: errorKind(error) });
    }
  }
  await consumeEach(batch, {
    schema: CaseEventsQueueMessage,
    deadLetters: env.DEAD_LETTERS,
    handle: (m) => recordCaseEvent(env, m),
  });
}
