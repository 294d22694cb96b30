/**
 * A case-events message is never lost (issue 14), walked through the real code end to end: the
 * evaluation Worker's `queue` handler fails on every delivery (its rollup table is unavailable in
 * this test's storage), buries the message at its last attempt with its error; the deadline
 * Worker's dead-letter consumer records it once and raises one alert; once the table is back, the
 * failed-work page's replay sends the body back and the event is counted. Not covered here: the
 * queue transport between the steps (see test/dead-letter-chain.ts) and the console's choice of
 * binding per queue (workers/assignment/test/failed-work.routes.test.ts).
 */
import { env } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import type { CaseEventMessage } from "../../../shared/messages";
import { kindOfDescription } from "../../../shared/queues/dead-letter";
import { caseIncrements } from "../../../shared/scoring/rollup-increments";
import { handBuiltMonth } from "../../../shared/scoring/test-month";
import { captureBurials, deliverOnce, exhaustRetries, recordTwice, replayTwice } from "../../../test/dead-letter-chain";
import entry from "../src/index";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<EvaluationEnv>, "queue">> = entry;
const handle = (batch: MessageBatch<unknown>, ctx: ExecutionContext) => worker.queue(batch, env, ctx);

/** The first event of the hand-built month that counts something, as its object would send it. */
function countingEvent(): CaseEventMessage & { rollup: NonNullable<CaseEventMessage["rollup"]> } {
  for (const events of handBuiltMonth())
    for (const { eventId, increment } of caseIncrements(events)) {
      const e = events.find((x) => x.id === eventId);
      if (e && increment)
        return {
          v: 1,
          kind: "case.event",
          eventId: e.id,
          caseId: e.caseId,
          seq: e.seq,
          type: e.type,
          at: e.at,
          status: "x",
          departmentId: null,
          rollup: increment,
        };
    }
  throw new Error("the hand-built month counts nothing");
}

const counted = async () =>
  (await env.DB.prepare("SELECT counter, n FROM rollup_counts ORDER BY counter").all<{ counter: string; n: number }>())
    .results;

afterEach(() => vi.restoreAllMocks());

it("case-events: a message failing every delivery is buried, recorded once with one alert, and counted when replayed", async () => {
  const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  await env.DB.batch(
    ["rollup_counts", "rollup_units", "rollup_applied"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
  const message = countingEvent();
  const id = `case-events-${crypto.randomUUID()}`;
  const buried = captureBurials(env.DEAD_LETTERS);

  await env.DB.exec("ALTER TABLE rollup_counts RENAME TO rollup_counts_away");
  let envelope: Awaited<ReturnType<typeof exhaustRetries>>;
  try {
    envelope = await exhaustRetries(
      (attempts) => deliverOnce(handle, "case-events", { id, body: message, attempts }),
      buried,
    );
  } finally {
    await env.DB.exec("ALTER TABLE rollup_counts_away RENAME TO rollup_counts");
  }
  expect(envelope).toMatchObject({ queue: "case-events", messageId: id, body: message });
  expect(envelope.error).toMatch(/rollup_counts/);
  expect(await counted()).toEqual([]);

  const { record, alerts } = await recordTwice("case-events-dlq", envelope, consoleError);
  expect(record).toMatchObject({ queue: "case-events", body: message, error: envelope.error, attempts: 6 });
  expect(record?.replayedAt).toBeNull();
  expect(alerts).toEqual([
    {
      level: "error",
      event: "dead-letter",
      alert: true,
      queue: "case-events",
      id,
      error: kindOfDescription(envelope.error),
    },
  ]);

  const sent = await replayTwice(id, "case-events", async (body) => {
    const result = await deliverOnce(handle, "case-events", { id: `${id}-replayed`, body, attempts: 1 });
    expect(result.explicitAcks).toHaveLength(1);
  });
  expect(sent).toEqual([message]);
  const expected = Object.entries(message.rollup.counters)
    .map(([counter, n]) => ({ counter, n }))
    .sort((a, b) => a.counter.localeCompare(b.counter));
  expect(await counted()).toEqual(expected);
});
