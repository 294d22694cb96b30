import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { consumeEach, QUEUE_MAX_RETRIES } from "./consume";
import { DeadLetterEnvelope, readDeadLetter, sourceQueueOf } from "./dead-letter";

function fakeMessage(body: unknown, attempts: number) {
  return { id: `m-${attempts}`, timestamp: new Date(), body, attempts, ack: vi.fn(), retry: vi.fn() };
}

async function run(body: unknown, attempts: number, handle: () => Promise<void>) {
  const message = fakeMessage(body, attempts);
  const sent: unknown[] = [];
  const metrics = { backlogCount: 0, backlogBytes: 0 };
  const deadLetters: Pick<Queue, "send"> = {
    send: async (b) => {
      sent.push(b);
      return { metadata: { metrics } };
    },
  };
  vi.spyOn(console, "error").mockImplementation(() => {});
  const batch: MessageBatch<unknown> = {
    queue: "case-events",
    messages: [message],
    metadata: { metrics },
    ackAll: () => {},
    retryAll: () => {},
  };
  await consumeEach(batch, { schema: z.object({ n: z.number() }), deadLetters, handle });
  return { message, sent };
}

describe("consumeEach", () => {
  it("retries a failing message with backoff until its last delivery", async () => {
    const { message, sent } = await run({ n: 1 }, QUEUE_MAX_RETRIES, async () => {
      throw new Error("D1 is down");
    });
    expect(message.retry).toHaveBeenCalledWith({ delaySeconds: expect.any(Number) });
    expect(sent).toEqual([]);
  });

  it("buries a message at its last delivery with the queue, its error and attempts", async () => {
    const { message, sent } = await run({ n: 1 }, QUEUE_MAX_RETRIES + 1, async () => {
      throw new TypeError("payload.departmentId is undefined");
    });
    expect(message.ack).toHaveBeenCalled();
    expect(message.retry).not.toHaveBeenCalled();
    const [envelope] = sent.map((s) => DeadLetterEnvelope.parse(s));
    expect(envelope).toMatchObject({
      queue: "case-events",
      messageId: message.id,
      body: { n: 1 },
      error: "TypeError: payload.departmentId is undefined",
      attempts: QUEUE_MAX_RETRIES + 1,
    });
  });

  it("buries an unparseable message at once", async () => {
    const { message, sent } = await run({ junk: true }, 1, async () => {});
    expect(message.ack).toHaveBeenCalled();
    expect(DeadLetterEnvelope.parse(sent[0]).error).toMatch(/unparseable/);
  });
});

describe("dead letters", () => {
  it("name the queue they came from, with or without an environment", () => {
    expect(sourceQueueOf("case-intake-dlq")).toBe("case-intake");
    expect(sourceQueueOf("case-intake-dlq-staging")).toBe("case-intake-staging");
    expect(readDeadLetter("deadline-due-dlq-production", { id: "x", body: { any: 1 }, attempts: 2 })).toMatchObject({
      id: "x",
      queue: "deadline-due-production",
      attempts: 2,
    });
  });
});
