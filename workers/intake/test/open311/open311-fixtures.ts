import { env } from "cloudflare:workers";
import { caseRecord } from "../../../../shared/case-record/client";
import type { Actor } from "../../../../shared/domain/case-model";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { sha256Hex } from "../../../../shared/domain/hash-chain";
import { waitFor } from "../fixtures";
import { items, post } from "./georeport-client";

/** A partner's API key (as the admin's console makes one: only its digest is stored). */
export async function partnerKey(quotaPerMinute = 600): Promise<{ apiKey: string; id: string }> {
  const apiKey = `pk_${crypto.randomUUID()}`;
  const id = `o311-${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare(
    "INSERT INTO api_keys (id, partner_name, key_hash, created_at, quota_per_minute) VALUES (?, ?, ?, ?, ?)",
  )
    .bind(id, "平凉随手拍", sha256Hex(apiKey), new Date().toISOString(), quotaPerMinute)
    .run();
  return { apiKey, id };
}

let serial = 0;
/** A complete, valid GeoReport POST; each call describes a different problem unless told otherwise. */
export function fields(apiKey: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  serial += 1;
  const all: Record<string, string | undefined> = {
    api_key: apiKey,
    service_code: "transport",
    address_string: "平凉市崆峒区西大街 12 号",
    description: `西大街公交站牌被撞倒已经一周，无人处理，请尽快修复（第 ${serial} 处，${crypto.randomUUID().slice(0, 8)}）`,
    "attribute[type]": "complaint",
    "attribute[is_public]": "true",
    phone: "13912340000",
    first_name: "建国",
    last_name: "赵",
    email: "zhao.jianguo@example.com",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Posts and returns the new service_request_id. */
export async function created(f: Record<string, string>): Promise<string> {
  const answer = await post("json", f);
  if (answer.status !== 201) throw new Error(`POST answered ${answer.status}: ${answer.raw}`);
  return String(items(answer, "service_requests")[0]?.service_request_id);
}

export async function caseRow(trackingNo: string) {
  return waitFor(() =>
    env.DB.prepare("SELECT * FROM cases WHERE tracking_no = ?").bind(trackingNo).first<Record<string, unknown>>(),
  );
}

const office: Actor = { role: "dispatcher", userId: "o311-dispatcher", departmentId: "pl-office" };

/** Runs staff commands on a case and waits until the read model shows `status`. */
export async function walk(trackingNo: string, steps: [Actor, CaseCommand][], status: string): Promise<void> {
  const row = await caseRow(trackingNo);
  const caseId = String(row.case_id);
  for (const [actor, command] of steps)
    await caseRecord(env, caseId).execute({
      idempotencyKey: `o311-${trackingNo}-${command.name}-${crypto.randomUUID()}`,
      actor,
      command,
    });
  await waitFor(
    () =>
      env.DB.prepare("SELECT 1 AS ok FROM cases WHERE tracking_no = ? AND status = ?").bind(trackingNo, status).first(),
    15_000,
  );
}

export const accept = (no: string) => walk(no, [[office, { name: "accept" }]], "accepted");
export const reject = (no: string, reason: string) => walk(no, [[office, { name: "reject", reason }]], "rejected");
export const merge = (no: string, into: string) =>
  walk(no, [[office, { name: "merge", intoTrackingNo: into }]], "merged");

/**
 * What a POST by this partner may have written: its cases (projected a moment later, so read after a
 * pause) and the quota it spent. A refused POST must leave both as they were.
 */
export async function writes(partnerId: string): Promise<[number, number]> {
  await new Promise((r) => setTimeout(r, 300));
  const cases = await env.DB.prepare(
    "SELECT count(*) AS n FROM case_events WHERE type = 'case.submitted' AND payload ->> '$.partnerId' = ?",
  )
    .bind(partnerId)
    .first<{ n: number }>();
  const spent = await env.DB.prepare(
    "SELECT coalesce(sum(submissions), 0) AS n FROM partner_usage WHERE api_key_id = ?",
  )
    .bind(partnerId)
    .first<{ n: number }>();
  return [cases?.n ?? 0, spent?.n ?? 0];
}
