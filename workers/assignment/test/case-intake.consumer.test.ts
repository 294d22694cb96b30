import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import entry from "../src/index";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<AssignmentEnv>, "queue">> = entry;
import type { CaseIntakeMessage } from "../../../shared/messages";

const message = (eventId: string): CaseIntakeMessage => ({
  v: 1, kind: "case.submitted", eventId, caseId: eventId.replace(/-1$/, ""), trackingNo: "ABCDEFGHJKM1", submittedAt: "2026-03-02T01:00:00.000Z",
});

function batchOf(bodies: unknown[]) {
  return createMessageBatch("case-intake", bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(1000 + i), attempts: 1, body })));
}

it("records each new case once, however often and in whatever order the queue delivers", async () => {
  const bodies = [message("CASE-A-1"), message("CASE-B-1"), message("CASE-A-1"), message("CASE-B-1"), message("CASE-A-1")];
  for (const order of [bodies, [...bodies].reverse()]) {
    const batch = batchOf(order);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(order.length);
  }
  const rows = await env.DB.prepare("SELECT event_id FROM intake_receipts WHERE event_id IN ('CASE-A-1','CASE-B-1') ORDER BY event_id").all();
  expect(rows.results).toEqual([{ event_id: "CASE-A-1" }, { event_id: "CASE-B-1" }]);
});

it("sends an unparseable message to the dead letters and still handles the rest of the batch", async () => {
  const dead = vi.spyOn(env.DEAD_LETTERS, "send").mockResolvedValue(undefined as never);
  const batch = batchOf([{ v: 99, junk: true }, message("CASE-C-1")]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks).toEqual(["m0", "m1"]);
  expect(dead).toHaveBeenCalledTimes(1);
  expect(await env.DB.prepare("SELECT count(*) AS n FROM intake_receipts WHERE event_id = 'CASE-C-1'").first("n")).toBe(1);
  dead.mockRestore();
});

it("retries a message whose handling fails, alone", async () => {
  await env.DB.exec("ALTER TABLE intake_receipts RENAME TO intake_receipts_away");
  try {
    const batch = batchOf([message("CASE-D-1")]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m0"]);
    expect(result.explicitAcks).toEqual([]);
  } finally {
    await env.DB.exec("ALTER TABLE intake_receipts_away RENAME TO intake_receipts");
  }
});
