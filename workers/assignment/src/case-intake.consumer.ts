import { and, desc, eq, gte, ne, notInArray } from "drizzle-orm";
import { caseRecord } from "../../../shared/case-record/client";
import { getDb } from "../../../shared/db/case-queries";
import { duplicateSuggestions, minhashSignatures, routingRules, screenWords } from "../../../shared/db/desk-schema";
import { addressees, cases, intakeReceipts } from "../../../shared/db/schema";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import type { CaseIntakeMessage } from "../../../shared/messages";
import { closestSignatures, minHashSignature } from "../../../shared/routing/duplicates";
import { type CategorySuggester, routeMessage } from "../../../shared/routing/route";
import { normalizedText, screenMessage } from "../../../shared/routing/screening";
import { runCommand } from "./case-commands";

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
  const db = getDb(env.DB);
  await db
    .insert(intakeReceipts)
    .values({ eventId: message.eventId, caseId: message.caseId, receivedAt: now.toISOString() })
    .onConflictDoNothing();
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
    const words = await db.select({ word: screenWords.word }).from(screenWords);
    const verdict = screenMessage(
      state,
      words.map((w) => w.word),
    );
    if (verdict.action === "reject") return void (await step("screen", { name: "reject", reason: verdict.reason }));
    if (verdict.action === "hold") return void (await step("screen", { name: "hold", reason: verdict.reason }));

    const earlier = await sameMessageFromSamePhone(env, message, now);
    if (earlier) return void (await step("duplicate", { name: "merge", intoTrackingNo: earlier }));
    // A category the classifier is sure of is recorded at acceptance, like one the citizen chose.
    const best = state.category || !advice ? undefined : advice.suggest(`${state.title}${state.body}`)[0];
    const category = advice && best && best.confidence >= advice.autoRouteConfidence ? best.category : undefined;
    await step("accept", { name: "accept", ...(category ? { category } : {}) });
    await recordNearDuplicates(env, message, now);
  }

  const current = await caseRecord(env, message.caseId).read();
  if (current?.status !== "accepted") return; // a person has taken it over, or it is already routed
  const [rules, mailboxes] = await Promise.all([
    db.select().from(routingRules),
    db.select({ code: addressees.code, departmentId: addressees.departmentId }).from(addressees),
  ]);
  const decision = routeMessage(current, { rules, mailboxes: new Map(mailboxes.map((m) => [m.code, m.departmentId])) });
  if (decision.kind === "dispatcher") return; // waits in the dispatcher's queue
  await step("route", {
    name: "assign",
    departmentId: decision.departmentId,
    coDepartmentIds: [],
    note: decision.kind === "leader_mailbox" ? `领导信箱：${decision.addressee}` : undefined,
  });
}

const NEAR_DUPLICATE_WINDOW_MS = 30 * 24 * 3600_000;

/**
 * Near-duplicates among the region's recent cases, kept as suggestions for the dispatcher's desk.
 * Each case's signature is computed once and stored, so a check costs one signature and a scan of
 * numbers, not a re-hash of every recent message.
 */
async function recordNearDuplicates(env: AssignmentEnv, message: CaseIntakeMessage, now: Date): Promise<void> {
  const db = getDb(env.DB);
  const [self] = await db
    .select({
      title: cases.title,
      body: cases.body,
      regionCode: cases.regionCode,
      trackingNo: cases.trackingNo,
      submittedAt: cases.submittedAt,
    })
    .from(cases)
    .where(eq(cases.caseId, message.caseId));
  if (!self) return;
  const own = minHashSignature(self);
  const since = new Date(now.getTime() - NEAR_DUPLICATE_WINDOW_MS).toISOString();
  const recent = await db
    .select({ trackingNo: minhashSignatures.trackingNo, signature: minhashSignatures.signature })
    .from(minhashSignatures)
    .innerJoin(cases, eq(cases.caseId, minhashSignatures.caseId))
    .where(
      and(
        eq(minhashSignatures.regionCode, self.regionCode),
        gte(minhashSignatures.submittedAt, since),
        ne(minhashSignatures.caseId, message.caseId),
        notInArray(cases.status, ["merged", "rejected"]),
      ),
    )
    .orderBy(desc(minhashSignatures.submittedAt))
    .limit(1000);
  const found = closestSignatures(own, recent).slice(0, 5);
  await db
    .insert(minhashSignatures)
    .values({
      caseId: message.caseId,
      trackingNo: self.trackingNo,
      regionCode: self.regionCode,
      submittedAt: self.submittedAt,
      signature: own,
    })
    .onConflictDoNothing();
  if (found.length === 0) return;
  await db
    .insert(duplicateSuggestions)
    .values(
      found.map((f) => ({
        caseId: message.caseId,
        candidateTrackingNo: f.trackingNo,
        similarity: Math.round(f.similarity * 100),
        createdAt: now.toISOString(),
      })),
    )
    .onConflictDoNothing();
}

/** A message with the same text from the same phone within 24 h links to the earlier case. */
async function sameMessageFromSamePhone(
  env: AssignmentEnv,
  message: CaseIntakeMessage,
  now: Date,
): Promise<string | null> {
  const db = getDb(env.DB);
  const [self] = await db
    .select({ phone: cases.petitionerPhone, title: cases.title, body: cases.body, submittedAt: cases.submittedAt })
    .from(cases)
    .where(eq(cases.caseId, message.caseId));
  // The read model is written before this message is sent; if it lags, retry rather than guess.
  if (!self) throw new Error("case not yet in the read model");
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const candidates = await db
    .select({
      caseId: cases.caseId,
      trackingNo: cases.trackingNo,
      title: cases.title,
      body: cases.body,
      submittedAt: cases.submittedAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.petitionerPhone, self.phone),
        gte(cases.submittedAt, since),
        ne(cases.caseId, message.caseId),
        ne(cases.status, "merged"),
        ne(cases.status, "rejected"),
      ),
    )
    .orderBy(cases.submittedAt)
    .limit(50);
  const text = normalizedText(self);
  // Strictly earlier, ties broken by case id, so two identical messages never merge into each other.
  const earlier = (c: { submittedAt: string; caseId: string }) =>
    c.submittedAt < self.submittedAt || (c.submittedAt === self.submittedAt && c.caseId < message.caseId);
  const match = candidates.find((c) => earlier(c) && normalizedText(c) === text);
  return match?.trackingNo ?? null;
}
