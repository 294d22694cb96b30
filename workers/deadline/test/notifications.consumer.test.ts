import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import { formatTrackingNo, queryCodeFor } from "../../../shared/domain/ids";
import type { NotifyMessage } from "../../../shared/messages";
import { waitFor } from "../../../test/wait-for";
import entry from "../src/index";

const worker: Required<Pick<ExportedHandler<DeadlineEnv>, "queue" | "scheduled">> = entry;
const dispatcher: Actor = { role: "dispatcher", userId: "dispatcher", departmentId: "pl-office" };

interface Delivered {
  channel: string;
  recipient: string;
  template: string;
  text: string;
}
const inboxOf = async (trackingNo: string) =>
  (
    await env.DB.prepare("SELECT channel, recipient, template, text FROM dev_outbox WHERE tracking_no = ? ORDER BY id")
      .bind(trackingNo)
      .all<Delivered>()
  ).results;

async function submit(over: Record<string, unknown> = {}) {
  const caseId = `notify-${crypto.randomUUID()}`;
  const stub = caseRecordStub(env, caseId);
  const receipt = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: {
      type: "complaint",
      title: "小区门口路灯不亮",
      body: "崆峒区某小区门口路灯两个月不亮，夜里出行不便。",
      regionCode: "620802",
      phone: "13900001111",
      email: "citizen@example.com",
      notifyBy: ["sms", "email"],
      isPublic: true,
      ...over,
    },
    now: new Date().toISOString(),
  });
  if (!receipt.ok) throw new Error("submit failed");
  return { caseId, stub, trackingNo: receipt.value.trackingNo };
}

/** A submitted case, accepted and assigned to `departmentId` by the dispatcher. */
async function assigned(departmentId: string, over: Record<string, unknown>) {
  const submitted = await submit(over);
  const now = () => new Date().toISOString();
  const { stub, trackingNo } = submitted;
  await stub.execute({ idempotencyKey: `${trackingNo}-a`, actor: dispatcher, command: { name: "accept" }, now: now() });
  await stub.execute({
    idempotencyKey: `${trackingNo}-b`,
    actor: dispatcher,
    command: { name: "assign", departmentId, coDepartmentIds: [] },
    now: now(),
  });
  return submitted;
}

describe("notifications through the queue, to the local inbox", () => {
  it("the citizen's receipt carries the query code on the channels they chose; the log masks it", async () => {
    const { caseId, trackingNo } = await submit();
    const mail = await waitFor(async () => (await inboxOf(trackingNo)).find((m) => m.channel === "email"));
    const code = queryCodeFor(env.QUERY_CODE_SECRET, caseId);
    expect(mail).toMatchObject({ recipient: "citizen@example.com", template: "citizen.receipt" });
    expect(mail.text).toContain(code);
    expect(mail.text).toContain(formatTrackingNo(trackingNo));
    expect(mail.text).toMatch(/\/notifications\/unsubscribe\?t=[\w-]{24}/); // every e-mail can be stopped
    // The SMS is recorded now and sent at once, or at 08:00 when this test runs in quiet hours.
    const log = await env.DB.prepare(
      "SELECT channel, status, message FROM notifications WHERE case_id = ? ORDER BY channel",
    )
      .bind(caseId)
      .all<{ channel: string; status: string; message: string }>();
    expect(log.results.map((r) => r.channel)).toEqual(["email", "sms"]);
    for (const r of log.results) expect(r.message).not.toContain(code);
  });

  it("a citizen who did not opt in to e-mail gets none; assignment reaches the department's handler", async () => {
    const { trackingNo } = await assigned("pl-housing", { notifyBy: ["sms"] });
    const staff = await waitFor(async () => (await inboxOf(trackingNo)).find((m) => m.template === "staff.assigned"));
    expect(staff.recipient).toBe("pl-housing-handler@pingliang.example");
    expect(
      (await inboxOf(trackingNo)).filter((m) => m.channel === "email" && m.template.startsWith("citizen")),
    ).toEqual([]);
  });

  it("a ladder step reaches the head and the supervision office, once however often it is delivered", async () => {
    const message: NotifyMessage = {
      v: 1,
      kind: "notify.case",
      eventId: `evt-${crypto.randomUUID()}`,
      caseId: "no-such-case",
      trackingNo: "ABCDEFGHJKM1",
      type: "case.escalated",
      at: new Date().toISOString(),
      departmentId: "pl-housing",
      dueAt: null,
      step: { kind: "supervise", stage: "reply", dueAt: "2026-03-16T10:00:00.000Z", departmentId: "pl-housing" },
    };
    for (const bodies of [[message, message], [message]]) {
      const batch = createMessageBatch(
        "notifications",
        bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
      );
      const ctx = createExecutionContext();
      await worker.queue(batch, env, ctx);
      expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
    }
    const got = await inboxOf("ABCDEFGHJKM1");
    expect(
      got
        .filter((m) => m.template === "staff.supervise")
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(["pl-housing-spokesperson@pingliang.example", "supervisor@pingliang.example"]);
  });

  it("a message that is not a notification goes to the dead letters, not into a retry loop", async () => {
    const batch = createMessageBatch("notifications", [
      { id: "bad", timestamp: new Date(), attempts: 1, body: { v: 1, kind: "nonsense" } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect(await getQueueResult(batch, ctx)).toMatchObject({ retryMessages: [], explicitAcks: ["bad"] });
  });
});

describe("the daily digest", () => {
  it("is e-mailed to each department's handlers and head once, however often the 09:00 cron runs", async () => {
    const { trackingNo } = await assigned("pl-transport", { phone: "13900002222" });
    await waitFor(async () =>
      env.DB.prepare("SELECT 1 AS x FROM cases WHERE tracking_no = ? AND status = 'assigned'").bind(trackingNo).first(),
    );
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: "0 1 * * *" });
    await worker.scheduled(controller, env, createExecutionContext());
    await worker.scheduled(controller, env, createExecutionContext());
    const digests = (
      await env.DB.prepare(
        "SELECT recipient, text FROM dev_outbox WHERE template = 'staff.digest' AND recipient LIKE 'pl-transport-%'",
      ).all<{ recipient: string; text: string }>()
    ).results;
    expect(digests.map((d) => d.recipient).sort()).toEqual([
      "pl-transport-handler@pingliang.example",
      "pl-transport-spokesperson@pingliang.example",
    ]);
    expect(digests[0]?.text).toMatch(/每日办理摘要/);
  });
});
