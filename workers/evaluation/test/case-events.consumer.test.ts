import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import entry from "../src/index";

// Typed as the runtime calls it: (batch, env, ctx).
const worker: Required<Pick<ExportedHandler<EvaluationEnv>, "queue">> = entry;
import type { CaseEventMessage } from "../../../shared/messages";

const event = (caseId: string, seq: number, type: string): CaseEventMessage => ({
  v: 1, kind: "case.event", eventId: `${caseId}-${seq}`, caseId, seq, type, at: `2026-03-0${seq}T01:00:00.000Z`, status: "accepted", departmentId: seq > 2 ? "pl-housing" : null,
});

it("records every case event exactly once from a shuffled, duplicated batch", async () => {
  const events = [event("E1", 1, "case.submitted"), event("E1", 2, "case.accepted"), event("E1", 3, "case.assigned")];
  const delivered = [events[2], events[0], events[2], events[1], events[0]];
  const batch = createMessageBatch("case-events", delivered.map((body, i) => ({ id: `m${i}`, timestamp: new Date(1000 + i), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks).toHaveLength(5);
  const rows = await env.DB.prepare("SELECT event_id, type, department_id FROM evaluation_inbox WHERE case_id = 'E1' ORDER BY event_id").all();
  expect(rows.results).toEqual([
    { event_id: "E1-1", type: "case.submitted", department_id: null },
    { event_id: "E1-2", type: "case.accepted", department_id: null },
    { event_id: "E1-3", type: "case.assigned", department_id: "pl-housing" },
  ]);
});
