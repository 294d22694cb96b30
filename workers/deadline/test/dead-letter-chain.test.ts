/**
 * The deadline Worker's two queues never lose a message (issue 14), each walked through the real
 * code: its `queue` handler fails on every delivery, buries the message at its last attempt with
 * its error; this Worker's dead-letter consumer records it once and raises one alert; once the
 * fault is gone, the failed-work page's replay sends the body back and the work is done.
 *   - case-registry fails for real: its table is unavailable in this test's storage.
 *   - deadline-due has no D1 of its own to break: its only dependency is the case's object, hosted
 *     by the intake Worker, so its outage is simulated by the namespace refusing (the one fault
 *     injected in a test; the production code is unchanged).
 * Not covered here: the queue transport between the steps (see test/dead-letter-chain.ts) and the
 * console's choice of binding per queue (workers/assignment/test/failed-work.routes.test.ts).
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseRegisteredMessage, DeadlineDueMessage } from "../../../shared/messages";
import { kindOfDescription } from "../../../shared/queues/dead-letter";
import { captureBurials, deliverOnce, exhaustRetries, recordTwice, replayTwice } from "../../../test/dead-letter-chain";
import entry from "../src/index";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "queue">> = entry;
const handle = (batch: MessageBatch<unknown>, ctx: ExecutionContext) => worker.queue(batch, env, ctx);
const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };

afterEach(() => vi.restoreAllMocks());

/** The dead-letter steps both queues share, after the message has failed every delivery. */
async function recordAndReplay(
  queue: string,
  envelope: Awaited<ReturnType<typeof exhaustRetries>>,
  consoleError: { mock: { calls: unknown[][] } },
) {
  const { record, alerts } = await recordTwice(`${queue}-dlq`, envelope, consoleError);
  expect(record).toMatchObject({ queue, body: envelope.body, error: envelope.error, attempts: 6 });
  expect(record?.replayedAt).toBeNull();
  expect(alerts).toEqual([
    {
      level: "error",
      event: "dead-letter",
      alert: true,
      queue,
      id: envelope.messageId,
      error: kindOfDescription(envelope.error),
    },
  ]);
  const sent = await replayTwice(envelope.messageId, queue, async (body) => {
    const result = await deliverOnce(handle, queue, { id: `${envelope.messageId}-replayed`, body, attempts: 1 });
    expect(result.explicitAcks).toHaveLength(1);
  });
  expect(sent).toEqual([envelope.body]);
}

describe("dead-letter chain", () => {
  it("case-registry: a registration failing every delivery is buried, recorded once, and registered when replayed", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const caseId = `registry-${crypto.randomUUID()}`;
    const message: CaseRegisteredMessage = {
      v: 1,
      kind: "case.registered",
      caseId,
      trackingNo: `T-${caseId}`,
      submittedAt: new Date().toISOString(),
    };
    const id = `case-registry-${crypto.randomUUID()}`;
    const buried = captureBurials(env.DEAD_LETTERS);
    await env.DB.exec("ALTER TABLE case_registry RENAME TO case_registry_away");
    let envelope: Awaited<ReturnType<typeof exhaustRetries>>;
    try {
      envelope = await exhaustRetries(
        (attempts) => deliverOnce(handle, "case-registry", { id, body: message, attempts }),
        buried,
      );
    } finally {
      await env.DB.exec("ALTER TABLE case_registry_away RENAME TO case_registry");
    }
    expect(envelope).toMatchObject({ queue: "case-registry", messageId: id, body: message });
    expect(envelope.error).toMatch(/case_registry/);
    const registered = () =>
      env.DB.prepare("SELECT tracking_no AS trackingNo FROM case_registry WHERE case_id = ?").bind(caseId).first();
    expect(await registered()).toBeNull();

    await recordAndReplay("case-registry", envelope, consoleError);
    expect(await registered()).toEqual({ trackingNo: message.trackingNo });
  });

  it("deadline-due: a tick failing every delivery is buried, recorded once, and escalates the case when replayed", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const caseId = `due-${crypto.randomUUID()}`;
    const stub = caseRecordStub(env, caseId);
    const submission = {
      type: "consult" as const,
      title: "咨询公租房申请条件",
      body: "请问外地户籍在平凉工作能否申请公租房？",
      regionCode: "620802",
      phone: "13900000081",
      isPublic: true,
    };
    const at = (day: string) => `2026-03-${day}T01:00:00.000Z`;
    expect((await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission, now: at("02") })).ok).toBe(
      true,
    );
    await stub.execute({
      idempotencyKey: `${caseId}-a`,
      actor: dispatcher,
      command: { name: "accept" },
      now: at("02"),
    });
    const assign = { name: "assign" as const, departmentId: "pl-housing", coDepartmentIds: [] };
    await stub.execute({ idempotencyKey: `${caseId}-b`, actor: dispatcher, command: assign, now: at("02") });
    const message: DeadlineDueMessage = {
      v: 1,
      kind: "deadline.due",
      caseId,
      dueAt: "2026-03-10T16:00:00.000Z",
      sweepId: "2026-03-20T00:00",
    };
    const escalations = async () => (await stub.events()).filter((e) => e.type === "case.escalated").length;

    const id = `deadline-due-${crypto.randomUUID()}`;
    const buried = captureBurials(env.DEAD_LETTERS);
    const outage = vi.spyOn(env.CASE_RECORD, "getByName").mockImplementation(() => {
      throw new Error("Durable Object is overloaded. Too many requests queued.");
    });
    const envelope = await exhaustRetries(
      (attempts) => deliverOnce(handle, "deadline-due", { id, body: message, attempts }),
      buried,
    );
    outage.mockRestore();
    expect(envelope).toMatchObject({ queue: "deadline-due", messageId: id, body: message });
    expect(envelope.error).toMatch(/overloaded/);
    expect(await escalations()).toBe(0);

    await recordAndReplay("deadline-due", envelope, consoleError);
    // Long overdue, never acknowledged: the ladder's steps are applied, each once.
    const keys = (await stub.events()).flatMap((e) => (e.type === "case.escalated" ? [e.payload.key] : []));
    expect(keys).toEqual(expect.arrayContaining(["reply:remind50:1", "reply:urge:1", "reply:notice:1"]));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
