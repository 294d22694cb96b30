import { caseRecord } from "../../../shared/case-record/client";
import type { Actor, CaseState } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import type { CaseIntakeMessage } from "../../../shared/messages";
import { minHashSignature } from "../../../shared/routing/duplicates";
import { type CategorySuggester, routeMessage } from "../../../shared/routing/route";
import { normalizedText, screenMessage } from "../../../shared/routing/screening";
import { runCommand } from "./case-commands";
import {
  caseText,
  closedCases,
  recentFromPhone,
  recordReceipt,
  routingTable,
  saveDuplicateSuggestions,
  screeningWords,
} from "./case-intake-queries";

const ROUTING: Actor = { role: "system", userId: "routing" };
const DUPLICATE_WINDOW_MS = 24 * 3600_000;

export interface RoutingAdvice {
  suggest: CategorySuggester;
  autoRouteConfidence: number;
}

/**
 * Takes a new case off `case-intake`: screening, the same-phone duplicate check, then routing
 * (the citizen's category, else the classifier's when confident, through the 派单目录).
 * Every step is a CaseRecord command keyed by the event id and the step, so a redelivered or
 * reordered message replays to the same result. Demo seed cases are left to the seed.
 */
export async function receiveCase(
  env: AssignmentEnv,
  message: CaseIntakeMessage,
  now: Date,
  advice?: RoutingAdvice,
): Promise<void> {
  await recordReceipt(env.DB, { eventId: message.eventId, caseId: message.caseId, receivedAt: now.toISOString() });
  const state = await caseRecord(env, message.caseId).read();
  if (!state || state.channel === "seed") return;
  const step = (name: string, command: CaseCommand) =>
    runCommand(
      env,
      message.caseId,
      { idempotencyKey: `intake:${message.eventId}:${name}`, actor: ROUTING, command },
      { tolerateStale: true },
    );

  if (state.status === "submitted") {
    const verdict = screenMessage(state, await screeningWords(env.DB));
    if (verdict.action === "reject") return void (await step("screen", { name: "reject", reason: verdict.reason }));
    if (verdict.action === "hold") return void (await step("screen", { name: "hold", reason: verdict.reason }));

    const earlier = await sameMessageFromSamePhone(env, message, now);
    if (earlier) return void (await step("duplicate", { name: "merge", intoTrackingNo: earlier }));
    // A category the classifier is sure of is recorded at acceptance, like one the citizen chose.
    const best = state.category || !advice ? undefined : advice.suggest(`${state.title}${state.body}`)[0];
    const category = advice && best && best.confidence >= advice.autoRouteConfidence ? best.category : undefined;
    await step("accept", { name: "accept", ...(category ? { category } : {}) });
    await recordNearDuplicates(env, state, now);
  }

  const current = await caseRecord(env, message.caseId).read();
  if (current?.status !== "accepted") return; // a person has taken it over, or it is already routed
  const decision = routeMessage(current, await routingTable(env.DB));
  if (decision.kind === "dispatcher") return; // waits in the dispatcher's queue
  await step("route", {
    name: "assign",
    departmentId: decision.departmentId,
    coDepartmentIds: [],
    note: decision.kind === "leader_mailbox" ? `领导信箱：${decision.addressee}` : undefined,
  });
}

const NEAR_DUPLICATE_WINDOW_MS = 30 * 24 * 3600_000;
const SUGGESTIONS = 5;
/** Candidates asked of the index: room for some to turn out merged or rejected since it last heard. */
const CANDIDATES = 10;

/**
 * Near-duplicates among the region's cases of the last 30 days, kept as suggestions for the
 * dispatcher's desk. The region's index records the case and answers the similar ones in one call
 * (no D1 rows); D1 is read only when there are candidates, for whether they were merged or rejected
 * since, and those are dropped from the index for good.
 */
export async function recordNearDuplicates(env: AssignmentEnv, self: CaseState, now: Date): Promise<void> {
  const index = env.NEAR_DUPLICATES.getByName(self.regionCode);
  const answer = await index.record({
    regionCode: self.regionCode,
    caseId: self.caseId,
    trackingNo: self.trackingNo,
    submittedAt: self.submittedAt,
    signature: minHashSignature(self),
    since: new Date(now.getTime() - NEAR_DUPLICATE_WINDOW_MS).toISOString(),
    limit: CANDIDATES,
  });
  if (!answer.ok) throw new Error(answer.message);
  const found = answer.found;
  if (found.length === 0) return;
  const closed = await closedCases(
    env.DB,
    found.map((f) => f.caseId),
  );
  await saveDuplicateSuggestions(
    env.DB,
    found
      .filter((f) => !closed.has(f.caseId))
      .slice(0, SUGGESTIONS)
      .map((f) => ({
        caseId: self.caseId,
        candidateTrackingNo: f.trackingNo,
        similarity: Math.round(f.similarity * 100),
        createdAt: now.toISOString(),
      })),
  );
  if (closed.size > 0) await index.forget([...closed]);
}

/** A message with the same text from the same phone within 24 h links to the earlier case. */
async function sameMessageFromSamePhone(
  env: AssignmentEnv,
  message: CaseIntakeMessage,
  now: Date,
): Promise<string | null> {
  const self = await caseText(env.DB, message.caseId);
  // The read model is written before this message is sent; if it lags, retry rather than guess.
  if (!self) throw new Error("case not yet in the read model");
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const candidates = await recentFromPhone(env.DB, self.phone, since, message.caseId);
  const text = normalizedText(self);
  // Strictly earlier, ties broken by case id, so two identical messages never merge into each other.
  const earlier = (c: { submittedAt: string; caseId: string }) =>
    c.submittedAt < self.submittedAt || (c.submittedAt === self.submittedAt && c.caseId < message.caseId);
  const match = candidates.find((c) => earlier(c) && normalizedText(c) === text);
  return match?.trackingNo ?? null;
}
