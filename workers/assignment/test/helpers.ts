import { env } from "cloudflare:workers";
import { caseRecord, caseRecordStub } from "../../../shared/case-record/client";
import type { CaseSubmission } from "../../../shared/domain/submission.schema";
import type { CaseIntakeMessage } from "../../../shared/messages";
import { waitFor } from "../../../test/wait-for";

export const SUBMISSION: CaseSubmission = {
  type: "complaint",
  title: "柳湖街道小区路灯不亮",
  body: "小区内路灯已经坏了两个多月，晚上出行很不安全，希望尽快维修。",
  regionCode: "620802",
  category: "urban_rural",
  phone: "13912345678",
  isPublic: true,
};

export { waitFor };

/** Submits through the real CaseRecord (hosted by the auxiliary intake Worker) and waits for D1. */
export async function submitCase(
  overrides: Partial<CaseSubmission> = {},
  channel: "api" | "seed" = "api",
): Promise<CaseIntakeMessage> {
  const caseId = `case-${crypto.randomUUID()}`;
  const result = await caseRecordStub(env, caseId).submit({
    caseId,
    channel,
    idempotencyKey: caseId,
    submission: { ...SUBMISSION, ...overrides },
  });
  if (!result.ok) throw new Error(result.error.code);
  await waitFor(() => env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ?").bind(caseId).first());
  return {
    v: 1,
    kind: "case.submitted",
    eventId: `${caseId}-1`,
    caseId,
    trackingNo: result.value.trackingNo,
    submittedAt: result.value.submittedAt,
  };
}

const dispatcher = { role: "dispatcher" as const, userId: "dispatcher", departmentId: "pl-office" };
const handlerOf = (departmentId: string) => ({
  role: "handler" as const,
  userId: `${departmentId}-handler`,
  departmentId,
});

/**
 * A case brought to `status` through its durable object, held by `departmentId` once assigned. A
 * seed-channel case is left alone by the live case-intake consumer (the queue delivers in tests
 * too); an api-channel case (for what only live cases do, such as citizen SMS) is first screened
 * by that consumer, and the steps continue from wherever it left the case.
 */
export async function caseAt(
  status: "accepted" | "assigned" | "acknowledged" | "drafted" | "returned",
  departmentId = "pl-housing",
  channel: "seed" | "api" = "seed",
) {
  const message = await submitCase(
    { phone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`, category: undefined },
    channel,
  );
  const stub = caseRecordStub(env, message.caseId);
  const run = async (
    actor: typeof dispatcher | ReturnType<typeof handlerOf>,
    command: Parameters<typeof stub.execute>[0]["command"],
  ) => {
    const r = await stub.execute({ idempotencyKey: crypto.randomUUID(), actor, command });
    if (!r.ok) throw new Error(`${command.name}: ${r.error.code}`);
  };
  if (channel === "api")
    await waitFor(async () => ((await stub.read())?.status ?? "submitted") !== "submitted", 10_000);
  const screened = await stub.read();
  if (screened?.status === "submitted") await run(dispatcher, { name: "accept" });
  const routedThere = screened?.status === "assigned" && screened.departmentId === departmentId;
  if (status !== "accepted" && !routedThere)
    await run(dispatcher, { name: "assign", departmentId, coDepartmentIds: [] });
  if (status === "acknowledged" || status === "drafted") await run(handlerOf(departmentId), { name: "acknowledge" });
  if (status === "drafted")
    await run(handlerOf(departmentId), {
      name: "draftReply",
      text: "经核实，路灯已于本周修复，感谢监督。",
      outcome: "resolved",
    });
  if (status === "returned") await run(handlerOf(departmentId), { name: "returnCase", reason: "不属于本单位职责" });
  const expected = status === "drafted" ? "acknowledged" : status;
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = ?").bind(message.caseId, expected).first(),
  );
  return message;
}

export async function eventCount(caseId: string): Promise<number> {
  return (await caseRecord(env, caseId).events()).length;
}

/** A complaint assigned to `departmentId` in March 2026 and never answered: long overdue, ladder applied. */
export async function overdueCase(departmentId = "pl-housing") {
  const caseId = `overdue-${crypto.randomUUID()}`;
  const stub = caseRecordStub(env, caseId);
  const submission = {
    ...SUBMISSION,
    phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
    title: `三月份反映的路灯问题 ${caseId.slice(-6)}`,
  };
  // A seed-channel case: the live case-intake consumer leaves it alone, so its March history stays in order.
  const submitted = await stub.submit({
    caseId,
    channel: "seed",
    idempotencyKey: caseId,
    submission,
    now: "2026-03-02T01:00:00.000Z",
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  await stub.execute({
    idempotencyKey: `${caseId}-a`,
    actor: dispatcher,
    command: { name: "accept" },
    now: "2026-03-02T02:00:00.000Z",
  });
  await stub.execute({
    idempotencyKey: `${caseId}-b`,
    actor: dispatcher,
    command: { name: "assign", departmentId, coDepartmentIds: [] },
    now: "2026-03-02T03:00:00.000Z",
  });
  await stub.tick({});
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM accountability_records WHERE case_id = ?").bind(caseId).first(),
  );
  return { caseId, trackingNo: submitted.value.trackingNo };
}
