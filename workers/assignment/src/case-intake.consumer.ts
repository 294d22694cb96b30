import { caseRecord } from "../../../shared/case-record/client";
import type { Actor } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import type { CaseIntakeMessage } from "../../../shared/messages";
import { minHashSignature } from "../../../shared/routing/duplicates";
import { routeMessage } from "../../../shared/routing/route";
import { normalizedText, screenMessage } from "../../../shared/routing/screening";
import { runCommand } from "./case-commands";
import { closedCases, intakeView, saveDuplicateSuggestions } from "./case-intake-queries";
import { intakeConfig } from "./intake-config";

const ROUTING: Actor = { role: "system", userId: "routing" };
const DUPLICATE_WINDOW_MS = 24 * 3600_000;

/**
 * Takes a new case off `case-intake`: screening, the same-phone duplicate check, then routing
 * (the citizen's category, else the classifier's when confident, through the 派单目录), sent to the
 * case object as one command — accept and assign together, committed together — keyed by the
 * event id, so a redelivered or reordered message replays to the same result. What it reads comes
 * from D1 in one round trip (the configuration only when its version moved). Demo seed cases are
 * left to the seed.
 */
export async function receiveCase(env: AssignmentEnv, message: CaseIntakeMessage, now: Date): Promise<void> {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const view = await intakeView(env.DB, message.caseId, since);
  if (!view) {
    // The read model is written before this message is sent: if the case has an object, D1 lags,
    // so retry rather than guess; if it has none, there is nothing to route.
    if ((await caseRecord(env, message.caseId).read()) === null) return;
    throw new Error("case not yet in the read model");
  }
  if (view.channel === "seed") return;
  const config = await intakeConfig(env.DB, view.configVersion);
  const run = (name: string, command: CaseCommand, followUps: CaseCommand[] = []) =>
    runCommand(
      env,
      message.caseId,
      { idempotencyKey: `intake:${message.eventId}:${name}`, actor: ROUTING, command, followUps },
      { tolerateStale: true },
    );
  const assignment = (category: string | null): CaseCommand | null => {
    // The classifier has spoken already (below): the catalogue and the mailboxes decide from here.
    const decision = routeMessage({ ...view, category }, { mailboxes: config.mailboxes, rules: config.rules });
    if (decision.kind === "dispatcher") return null; // waits in the dispatcher's queue
    const note = decision.kind === "leader_mailbox" ? `领导信箱：${decision.addressee}` : undefined;
    return { name: "assign", departmentId: decision.departmentId, coDepartmentIds: [], note };
  };

  if (view.status === "accepted") {
    // Accepted by a person (or by an earlier delivery whose routing did not happen): route it.
    const assign = assignment(view.category);
    if (assign) await run("route", assign);
    return;
  }
  if (view.status !== "submitted") return; // a person has taken it over, or it is already routed

  const verdict = screenMessage(view, config.words);
  if (verdict.action === "reject") return void (await run("screen", { name: "reject", reason: verdict.reason }));
  if (verdict.action === "hold") return void (await run("screen", { name: "hold", reason: verdict.reason }));
  const earlier = sameMessageFromSamePhone(message.caseId, view);
  if (earlier) return void (await run("duplicate", { name: "merge", intoTrackingNo: earlier }));
  // A category the classifier is sure of is recorded at acceptance, like one the citizen chose.
  const best = view.category ? undefined : config.suggest(`${view.title}${view.body}`)[0];
  const category = best && best.confidence >= config.autoRouteConfidence ? best.category : undefined;
  const assign = assignment(view.category ?? category ?? null);
  // Before the command: a failure here retries the message, and the retry still finds the case
  // submitted (the index and the suggestions take a repeat as nothing new).
  await recordNearDuplicates(env, { ...view, caseId: message.caseId }, now);
  const accepted = await run("triage", { name: "accept", ...(category ? { category } : {}) }, assign ? [assign] : []);
  if (accepted === null) {
    // The object had moved on since the read model saw the case (a person acted): route only
    // what is now waiting for it, as the earlier path did.
    const state = await caseRecord(env, message.caseId).read();
    if (state?.status === "accepted" && assign) await run("route", assign);
  }
}

/** A message with the same text from the same phone within 24 h links to the earlier case. */
function sameMessageFromSamePhone(
  caseId: string,
  self: { title: string; body: string; submittedAt: string; samePhone: SamePhoneCase[] },
): string | null {
  const text = normalizedText(self);
  // Strictly earlier, ties broken by case id, so two identical messages never merge into each other.
  const earlier = (c: SamePhoneCase) =>
    c.submittedAt < self.submittedAt || (c.submittedAt === self.submittedAt && c.caseId < caseId);
  const match = self.samePhone.find((c) => earlier(c) && normalizedText(c) === text);
  return match?.trackingNo ?? null;
}
type SamePhoneCase = { caseId: string; trackingNo: string; title: string; body: string; submittedAt: string };

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
export async function recordNearDuplicates(
  env: AssignmentEnv,
  self: { caseId: string; regionCode: string; trackingNo: string; submittedAt: string; title: string; body: string },
  now: Date,
): Promise<void> {
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
