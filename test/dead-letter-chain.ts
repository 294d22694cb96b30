/**
 * The steps every queue's dead-letter chain test walks ("a dead letter is never lost", issue 14),
 * shared by the Worker projects that consume a queue. Each step is the real code: the Worker's
 * exported `queue` handler (consumeEach burying at the last delivery), the deadline Worker's
 * dead-letter consumer, and the replay the failed-work page runs. What is not real is the transport
 * between them: the four Workers run in separate projects, so the envelope a consumer sends to its
 * DLQ binding is captured here and handed to the dead-letter consumer, and a replayed body is
 * handed to the consumer's handler instead of travelling through a queue.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { listDeadLetters } from "../shared/db/dead-letter-queries";
import { QUEUE_MAX_RETRIES } from "../shared/queues/consume";
import { DeadLetterEnvelope } from "../shared/queues/dead-letter";
import { type ReplayTargets, replayDeadLetter } from "../shared/queues/replay";
import { recordDeadLetters } from "../workers/deadline/src/dead-letters.consumer";

export type QueueResult = Awaited<ReturnType<typeof getQueueResult>>;

/** One delivery of one message to a Worker's `queue` handler, as the runtime's n-th attempt. */
export async function deliverOnce(
  handler: (batch: MessageBatch<unknown>, ctx: ExecutionContext) => void | Promise<void>,
  queue: string,
  message: { id: string; body: unknown; attempts: number },
): Promise<QueueResult> {
  const batch = createMessageBatch(queue, [{ ...message, timestamp: new Date() }]);
  const ctx = createExecutionContext();
  await handler(batch, ctx);
  return getQueueResult(batch, ctx);
}

/** What a consumer sends to its DLQ binding, kept here: the Worker that reads the DLQ runs elsewhere. */
export function captureBurials(binding: Queue): DeadLetterEnvelope[] {
  const buried: DeadLetterEnvelope[] = [];
  vi.spyOn(binding, "send").mockImplementation(async (body) => {
    buried.push(DeadLetterEnvelope.parse(body));
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };
  });
  return buried;
}

/**
 * Delivers a message that fails every time, once per attempt the platform would make: retried
 * with nothing buried until the last delivery, which buries it with its error and acknowledges it.
 */
export async function exhaustRetries(
  deliver: (attempts: number) => Promise<QueueResult>,
  buried: DeadLetterEnvelope[],
): Promise<DeadLetterEnvelope> {
  for (let attempts = 1; attempts <= QUEUE_MAX_RETRIES; attempts++) {
    const result = await deliver(attempts);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toEqual([]);
  }
  expect(buried).toEqual([]);
  const last = await deliver(QUEUE_MAX_RETRIES + 1);
  expect(last.retryMessages).toEqual([]);
  expect(last.explicitAcks).toHaveLength(1);
  expect(buried).toHaveLength(1);
  const [envelope] = buried;
  if (!envelope) throw new Error("nothing buried");
  expect(envelope.attempts).toBe(QUEUE_MAX_RETRIES + 1);
  return envelope;
}

/**
 * The deadline Worker's dead-letter consumer receiving the envelope twice in one batch and once
 * more later (delivery is at least once). Returns the one record it keeps and the alert lines
 * logged for it, read from the caller's spy on `console.error`.
 */
export async function recordTwice(
  deadLetterQueue: string,
  envelope: DeadLetterEnvelope,
  consoleError: { mock: { calls: unknown[][] } },
) {
  for (const bodies of [[envelope, envelope], [envelope]]) {
    const batch = createMessageBatch(
      deadLetterQueue,
      bodies.map((body, i) => ({
        id: `${deadLetterQueue}-${crypto.randomUUID()}-${i}`,
        timestamp: new Date(),
        attempts: 1,
        body,
      })),
    );
    const ctx = createExecutionContext();
    await recordDeadLetters(env, batch);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(bodies.length);
  }
  const records = (await listDeadLetters(env.DB, 1000)).filter((l) => l.id === envelope.messageId);
  expect(records).toHaveLength(1);
  const alerts = consoleError.mock.calls
    .map(([line]) => String(line))
    .filter((line) => line.includes('"event":"dead-letter"') && line.includes(envelope.messageId))
    .map((line) => JSON.parse(line) as unknown);
  return { record: records[0], alerts };
}

/**
 * The replay the failed-work page runs (shared/queues/replay.ts), with the letter's queue sending
 * to `target`; pressed twice, it sends once. Returns what was sent.
 */
export async function replayTwice(id: string, queue: string, target: (body: unknown) => Promise<void>) {
  const sent: unknown[] = [];
  const targets: ReplayTargets = {
    [queue]: async (body) => {
      sent.push(body);
      await target(body);
    },
  };
  expect(await replayDeadLetter(env.DB, id, targets, env.WENZHENG_ENV, new Date())).toBe("replayed");
  expect(await replayDeadLetter(env.DB, id, targets, env.WENZHENG_ENV, new Date())).toBe("already-replayed");
  return sent;
}
