import type { CaseSubmission } from "../../../shared/domain/submission.schema";
import { waitFor } from "../../../test/wait-for";

export const SUBMISSION: CaseSubmission = {
  type: "complaint",
  title: "柳湖街道小区路灯不亮",
  body: "小区内路灯已经坏了两个多月，晚上出行很不安全，希望尽快维修。",
  regionCode: "620802",
  phone: "13912345678",
  name: "王先生",
  isPublic: true,
};

let counter = 0;
/** A fresh durable-object name / idempotency key per test, so tests never share a case. */
export function uniqueKey(prefix = "test"): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${crypto.randomUUID()}`;
}

export { waitFor };

let ipCounter = 0;
/** Each test client gets its own address, so the per-IP rate limit only bites where a test means it to. */
export function freshIp(): string {
  ipCounter += 1;
  return `10.${Math.floor(Math.random() * 200)}.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

/** Accepts a case as the dispatcher would, and waits for the read model: only accepted cases show their content. */
export async function acceptCase(trackingNo: string): Promise<void> {
  const { env } = await import("cloudflare:workers");
  const { caseRecordStub } = await import("../../../shared/case-record/client");
  const row = await waitFor(() =>
    env.DB.prepare("SELECT case_id FROM cases WHERE tracking_no = ?").bind(trackingNo).first<{ case_id: string }>(),
  );
  await caseRecordStub(env, row.case_id).execute({
    idempotencyKey: `accept-${trackingNo}`,
    actor: { role: "dispatcher", userId: "d", departmentId: "pl-office" },
    command: { name: "accept" },
  });
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM cases WHERE tracking_no = ? AND status = 'accepted'").bind(trackingNo).first(),
  );
}
