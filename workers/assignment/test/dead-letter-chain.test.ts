/**
 * A case-intake message is never lost (issue 14), walked through the real code end to end: the
 * assignment Worker's `queue` handler fails on every delivery (the configuration version it reads first is unavailable
 * in this test's storage) and buries the message at its last attempt with its error; the deadline
 * Worker's dead-letter consumer records it once and raises one alert; the failed-work page lists
 * it, and its Replay (pressed twice) sends the body back to case-intake once, which screens and
 * routes the case. The other queues' chains run in their consumers' projects (evaluation,
 * deadline) and replay through the same shared function; the page's choice of binding for each
 * queue is checked here. Not covered: the queue transport between the steps (the envelope and the
 * replayed body are handed on by the test, see test/dead-letter-chain.ts).
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { kindOfDescription } from "../../../shared/queues/dead-letter";
import { captureBurials, deliverOnce, exhaustRetries, recordTwice } from "../../../test/dead-letter-chain";
import entry from "../src/index";
import { ConsoleClient } from "./console";
import { submitCase } from "./helpers";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<AssignmentEnv>, "queue">> = entry;
const handle = (batch: MessageBatch<unknown>, ctx: ExecutionContext) => worker.queue(batch, env, ctx);
const PATH = "/console/admin/failed-work";
const SENT = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

afterEach(() => vi.restoreAllMocks());

describe("dead-letter chain", () => {
  it("case-intake: a new case failing every delivery is buried, recorded once, and routed when replayed from the console", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const message = await submitCase({ phone: "13900000091" });
    const id = `case-intake-${crypto.randomUUID()}`;
    const buried = captureBurials(env.DEAD_LETTERS);
    await env.DB.exec("ALTER TABLE config_version RENAME TO config_version_away");
    let envelope: Awaited<ReturnType<typeof exhaustRetries>>;
    try {
      envelope = await exhaustRetries(
        (attempts) => deliverOnce(handle, "case-intake", { id, body: message, attempts }),
        buried,
      );
    } finally {
      await env.DB.exec("ALTER TABLE config_version_away RENAME TO config_version");
    }
    expect(envelope).toMatchObject({ queue: "case-intake", messageId: id, body: message });
    expect(envelope.error).toMatch(/config_version/);
    const stub = caseRecordStub(env, message.caseId);
    expect(await stub.read()).toMatchObject({ status: "submitted" });

    const { record, alerts } = await recordTwice("case-intake-dlq", envelope, consoleError);
    expect(record).toMatchObject({ queue: "case-intake", body: message, error: envelope.error, attempts: 6 });
    expect(alerts).toEqual([
      {
        level: "error",
        event: "dead-letter",
        alert: true,
        queue: "case-intake",
        id,
        error: kindOfDescription(envelope.error),
      },
    ]);

    // The page's Replay sends to the case-intake queue; here that queue's delivery is the handler itself.
    const send = vi.spyOn(env.CASE_INTAKE, "send").mockImplementation(async (body) => {
      const result = await deliverOnce(handle, "case-intake", { id: `${id}-replayed`, body, attempts: 1 });
      expect(result.explicitAcks).toHaveLength(1);
      return SENT;
    });
    const admin = await ConsoleClient.signIn("admin");
    const page = await (await admin.get(PATH)).text();
    expect(page).toContain(id);
    expect(await (await admin.post(`${PATH}/replay`, { id })).text()).toContain("已重放 1 条");
    expect(await (await admin.post(`${PATH}/replay`, { id })).text()).toContain("这条已经重放过");
    expect(send.mock.calls.map(([body]) => body)).toEqual([message]);
    expect(await stub.read()).toMatchObject({ status: "assigned", departmentId: "pl-housing" });
  });

  it("the failed-work page sends each queue's letter back to that queue", async () => {
    const bindings = {
      "case-intake": env.CASE_INTAKE,
      "case-events": env.CASE_EVENTS,
      "deadline-due": env.DEADLINE_DUE,
      "case-registry": env.CASE_REGISTRY,
      notifications: env.NOTIFICATIONS,
    };
    const sends = Object.entries(bindings).map(([queue, binding]) => ({
      queue,
      send: vi.spyOn(binding, "send").mockResolvedValue(SENT),
    }));
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(PATH); // the page's form carries the session's CSRF token
    for (const { queue } of sends) {
      const id = `${queue}-${crypto.randomUUID()}`;
      await env.DB.prepare(
        "INSERT INTO dead_letters (id, queue, body, error, attempts, received_at) VALUES (?, ?, ?, 'Error: boom', 6, ?)",
      )
        .bind(id, queue, JSON.stringify({ queue }), new Date().toISOString())
        .run();
      expect(await (await admin.post(`${PATH}/replay`, { id })).text()).toContain("已重放 1 条");
    }
    for (const { queue, send } of sends) expect(send.mock.calls.map(([body]) => body)).toEqual([{ queue }]);
  });
});
