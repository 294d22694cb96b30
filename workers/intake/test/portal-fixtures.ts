import { env, exports } from "cloudflare:workers";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { SubmitInput } from "../../../shared/case-record/contract";
import { monthStart } from "../../../shared/clocks/period";
import { getDb } from "../../../shared/db/case-queries";
import { cases } from "../../../shared/db/schema";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { newTrackingNo, randomId } from "../../../shared/domain/ids";
import { SUBMISSION, uniqueKey, waitFor } from "./fixtures";

/** Helpers for the portal's tests: read-model rows written directly, real cases through the durable object, pages. */

export type CaseInsert = typeof cases.$inferInsert;

/** A row of the read model as the projection would write it; the portal only reads D1. */
export async function insertCase(
  overrides: Partial<CaseInsert> = {},
): Promise<CaseInsert & { caseId: string; trackingNo: string; submittedAt: string }> {
  const row = {
    caseId: randomId(),
    trackingNo: newTrackingNo(),
    type: "complaint",
    status: "assigned",
    title: "崆峒区小区路灯不亮",
    body: "小区内路灯坏了两个月，晚上出行不安全。",
    category: "urban_rural",
    regionCode: "620802",
    channel: "api",
    isPublic: true,
    departmentId: "pl-housing",
    petitionerName: "赵秘密",
    petitionerPhone: "13700009999",
    petitionerEmail: "zhao.secret@example.com",
    address: "崆峒区隐私路77号",
    queryCodeHash: "q".repeat(64),
    receiptHash: "r".repeat(64),
    submittedAt: new Date().toISOString(),
    lastSeq: 3,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
  await getDb(env.DB).insert(cases).values(row);
  return row;
}

/** The Beijing month's instants: an hour after it starts, plus `minutes`. */
export function inMonth(period: string, minutes = 0): string {
  return new Date(monthStart(period) + 3600_000 + minutes * 60_000).toISOString();
}

export const office: Actor = { role: "dispatcher", userId: "d", departmentId: "pl-office" };
export const handler: Actor = { role: "handler", userId: "h", departmentId: "pl-housing" };
export const speaker: Actor = { role: "spokesperson", userId: "s", departmentId: "pl-housing" };
export const citizen: Actor = { role: "citizen" };

/**
 * A real case through its durable object: accepted, assigned to the housing bureau, then whatever
 * `steps` add. Times are one day ago, so the rating window is still open.
 */
export async function caseThrough(
  steps: (at: string) => [Actor, CaseCommand][],
  submission: Partial<SubmitInput["submission"]> = {},
  at = new Date(Date.now() - 24 * 3600_000).toISOString(),
) {
  const caseId = uniqueKey("portal");
  const stub = caseRecordStub(env, caseId);
  const submitted = await stub.submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: { ...SUBMISSION, ...submission },
    now: at,
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  const all: [Actor, CaseCommand][] = [
    [office, { name: "accept" }],
    [office, { name: "assign", departmentId: "pl-housing", coDepartmentIds: [] }],
    ...steps(at),
  ];
  for (const [actor, command] of all) {
    const r = await stub.execute({ idempotencyKey: uniqueKey(), actor, command, now: at });
    if (!r.ok) throw new Error(`${command.name}: ${r.error.code}`);
  }
  const { trackingNo, queryCode, receiptHash } = submitted.value;
  const lastSeq = all.length + 1;
  await waitFor(() =>
    env.DB.prepare("SELECT 1 AS ok FROM cases WHERE tracking_no = ? AND last_seq = ?")
      .bind(trackingNo, lastSeq)
      .first(),
  );
  return { caseId, stub, trackingNo, queryCode, receiptHash, at };
}

/** The steps from assigned to a published reply, with an extension asked for and granted on the way. */
export function replySteps(at: string, reply = "经现场核实，路灯线路老化，已更换。"): [Actor, CaseCommand][] {
  return [
    [handler, { name: "acknowledge" }],
    [handler, { name: "requestExtension", workingDays: 3, reason: "需协调供电公司，联系电话13911112222" }],
    [office, { name: "decideExtension", approved: true, note: "同意" }],
    [handler, { name: "draftReply", text: reply, outcome: "resolved" }],
    [
      speaker,
      { name: "publishReply", spokesperson: { name: "王建国", title: "市住建局副局长、网络发言人" }, draftedAt: at },
    ],
  ];
}

export async function page(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await exports.default.fetch(`http://intake.test${path}`, init);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** Tracking numbers linked from a page, in order. */
export function linkedCases(html: string): string[] {
  return [...html.matchAll(/href="\/cases\/([0-9A-Z]{12})(?:\?lang=en)?"/g)].map((m) => m[1] ?? "");
}

/** The href of a page's "next" or "prev" link on the board. */
export const hrefOf = (html: string, rel: "next" | "prev") =>
  [...html.matchAll(/<a href="([^"]+)" rel="(next|prev)"/g)].find((m) => m[2] === rel)?.[1]?.replaceAll("&amp;", "&");

/**
 * Walks the board from `first` by its "next" links, then back from the last page by its "prev"
 * links: the cases of each page both ways, and the hrefs followed forward.
 */
export async function walkBoard(first: string) {
  const forward: string[][] = [];
  const hrefs = [first];
  for (;;) {
    const res = await page(hrefs.at(-1) ?? "");
    if (res.status !== 200) throw new Error(`board page ${hrefs.at(-1)} answered ${res.status}`);
    forward.push(linkedCases(res.html));
    const next = hrefOf(res.html, "next");
    if (!next) break;
    hrefs.push(next);
  }
  const back: string[][] = [];
  let href: string | undefined = hrefs.at(-1);
  while (href) {
    const { html } = await page(href);
    back.unshift(linkedCases(html));
    href = hrefOf(html, "prev");
  }
  return { forward, back, hrefs };
}
