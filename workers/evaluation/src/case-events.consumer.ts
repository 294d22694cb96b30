import { applyIncrement, applyIncrements } from "../../../shared/db/rollup-queries";
import { logEvent } from "../../../shared/log";
import { CaseEventMessage } from "../../../shared/messages";
import { consumeEach } from "../../../shared/queues/consume";
import { errorKind } from "../../../shared/queues/dead-letter";

/** Counts each case event into the rollups once (keyed by event id); events that count nothing are acked. */
export async function recordCaseEvent(env: EvaluationEnv, message: CaseEventMessage): Promise<void> {
  if (message.rollup) await applyIncrement(env.DB, message.eventId, message.caseId, message.rollup);
}

/**
 * A batch of case events: all their increments in one D1 batch (one round trip instead of one per
 * event, which is what an imported year of history or a busy hour needs), acked together. When the
 * batch has a message that does not parse, or the write fails, it goes message by message instead,
 * so the bad one is retried or buried alone (consumeEach) and the rest still count, once each.
 */
export async function recordCaseEvents(env: EvaluationEnv, batch: MessageBatch<unknown>): Promise<void> {
  const parsed = batch.messages.map((m) => CaseEventMessage.safeParse(m.body));
  const events = parsed.flatMap((p) =>
    p.success && p.data.rollup ? [{ eventId: p.data.eventId, caseId: p.data.caseId, inc: p.data.rollup }] : [],
  );
  if (parsed.every((p) => p.success)) {
    try {
      await applyIncrements(env.DB, events);
      for (const message of batch.messages) message.ack();
      return;
    } catch (error) {
      logEvent("warn", "case-events-batch-failed", {
        messages: batch.messages.length,
        error: errorKind(error),
      });
    }
  }
  await consumeEach(batch, {
    schema: CaseEventMessage,
    deadLetters: env.DEAD_LETTERS,
    handle: (m) => recordCaseEvent(env, m),
  });
}
