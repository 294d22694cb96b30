import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { DeadlineDueMessage } from "../../../shared/messages";
import entry from "../src/index";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "queue">> = entry;
const dispatcher: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };

it("applies a long-overdue case's ladder once, however often and in whatever order the message comes", async () => {
  const caseId = `late-${crypto.randomUUID()}`;
  const stub = caseRecordStub(env, caseId);
  const submission = {
    type: "consult" as const,
    title: "咨询公租房申请条件",
    body: "请问外地户籍在平凉工作能否申请公租房？",
    regionCode: "620802",
    phone: "13900000077",
    isPublic: true,
  };
  expect(
    (await stub.submit({ caseId, channel: "api", idempotencyKey: caseId, submission, now: "2026-03-02T01:00:00.000Z" }))
      .ok,
  ).toBe(true);
  await stub.execute({
    idempotencyKey: `${caseId}-a`,
    actor: dispatcher,
    command: { name: "accept" },
    now: "2026-03-02T02:00:00.000Z",
  });
  await stub.execute({
    idempotencyKey: `${caseId}-b`,
    actor: dispatcher,
    command: { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] },
    now: "2026-03-02T03:00:00.000Z",
  });

  const message: DeadlineDueMessage = {
    v: 1,
    kind: "deadline.due",
    caseId,
    dueAt: "2026-03-10T16:00:00.000Z",
    sweepId: "2026-03-20T00:00",
  };
  for (const bodies of [[message, message], [message]]) {
    const batch = createMessageBatch(
      "deadline-due",
      bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
  }
  const keys = (await stub.events()).flatMap((e) => (e.type === "case.escalated" ? [e.payload.key] : []));
  // Never acknowledged and never answered: both ladders ran to their 通报, each step once.
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toEqual(
    expect.arrayContaining([
      "reply:remind50:1",
      "reply:remind75:1",
      "reply:urge:1",
      "reply:supervise:1",
      "reply:notice:1",
    ]),
  );
});
