import type { LiveFrame } from "../../../../shared/interviews/interview.schema";
import { unansweredQuestionCases } from "../../../../shared/interviews/question-cases";
import type { Question } from "../../../../shared/interviews/questions";
import { nextBoundary, type SessionState, statusAt } from "../../../../shared/interviews/session";
import { logEvent } from "../../../../shared/log";
import { errorKind } from "../../../../shared/queues/dead-letter";
import { questionFrame } from "./moderation-apply";
import { statusFrame } from "./public-view";
import { fileQuestionCase, supportQuestionCase } from "./question-filing";
import { projectSession } from "./session-projection";
import type { SessionStorage } from "./session-storage";

export interface AlarmDeps {
  env: IntakeEnv;
  storage: DurableObjectStorage;
  store: SessionStorage;
  broadcast: (frames: readonly LiveFrame[]) => void;
  saveSession: (session: SessionState, nowMs: number) => void;
}

const RETRY_MS = [30_000, 60_000, 300_000, 900_000, 3_600_000];

/**
 * The session's alarm: tells viewers when it starts and ends, files each approved question left
 * unanswered as a case once it has ended, and projects the session into D1. Safe to run twice or
 * late: a status already told is not told again, a question already filed is skipped (and filing it
 * again would get the same case back), and the projection only moves the read model forward.
 */
export async function afterward(deps: AlarmDeps): Promise<void> {
  const { store, storage } = deps;
  const nowMs = Date.now();
  if (!store.session()) return;
  announce(deps, nowMs);
  let failed = false;
  const session = store.session();
  // Every alarm after the end files what is left (nothing, usually): a question approved by a late,
  // backdated command (the demo seed's) is filed too, and a filed one is never filed again.
  if (session && statusAt(session, nowMs) === "ended") {
    try {
      await fileUnanswered(deps, nowMs);
    } catch (error) {
      failed = true;
      logEvent("warn", "interview-filing-failed", { interviewId: session.id, error: errorKind(error) });
    }
  }
  try {
    await project(deps, nowMs);
  } catch (error) {
    failed = true;
    logEvent("warn", "interview-projection-failed", { interviewId: session?.id ?? null, error: errorKind(error) });
  }
  const retries = failed ? Number(store.meta("retries") ?? "0") + 1 : 0;
  store.setMeta("retries", String(retries));
  const latest = store.session();
  const boundary = latest ? nextBoundary(latest, nowMs) : null;
  const retryAt = failed ? nowMs + (RETRY_MS[Math.min(retries, RETRY_MS.length) - 1] ?? 3_600_000) : null;
  // A command during the awaits above set an alarm for now, which the line below would replace.
  const behind = !failed && latest !== null && latest.version > Number(store.meta("projectedVersion") ?? "-1");
  const next = [boundary, retryAt, behind ? Date.now() : null].filter((t): t is number => t !== null);
  if (next.length > 0) await storage.setAlarm(Math.min(...next));
}

/** The clock moved the status (the start, the planned end): one status frame, one version. */
function announce(deps: AlarmDeps, nowMs: number): void {
  const session = deps.store.session();
  if (!session || deps.store.meta("announcedStatus") === statusAt(session, nowMs)) return;
  const next = { ...session, version: session.version + 1 };
  deps.storage.transactionSync(() => deps.saveSession(next, nowMs));
  deps.broadcast([statusFrame(next, nowMs)]);
}

/**
 * Each approved question without an answer becomes a case at its guest's department, one at a time
 * (each recorded before the next, so a failure halfway resumes where it stopped). Then the askers
 * of questions merged into those get to support their case, and every asker's contact data is deleted.
 */
async function fileUnanswered(deps: AlarmDeps, nowMs: number): Promise<void> {
  const { store, storage, env } = deps;
  const session = store.session();
  if (!session) return;
  let filed = 0;
  for (const filing of unansweredQuestionCases(session, store.questions(), store.answers())) {
    if (store.question(filing.questionId)?.caseTrackingNo) continue;
    filed += 1;
    const trackingNo = await fileQuestionCase(env, session.id, filing, store.asker(filing.questionId), nowMs);
    const frames = storage.transactionSync(() => {
      const current = store.session();
      const question = store.question(filing.questionId);
      if (!current || !question) return [];
      const version = current.version + 1;
      store.saveQuestion({ ...question, caseTrackingNo: trackingNo }, version);
      deps.saveSession({ ...current, version }, nowMs);
      return questionFrame(store, question.id, version);
    });
    deps.broadcast(frames);
  }
  if (filed === 0 && store.meta("convertedAt") !== null) return;
  const questions = store.questions();
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const q of questions) {
    if (q.status !== "merged" || !q.hasPhone) continue;
    const target = finalTarget(q, byId);
    const phone = store.asker(q.id).phone;
    if (target?.caseTrackingNo && phone)
      await supportQuestionCase(env, session.id, { questionId: target.id }, { questionId: q.id, phone });
  }
  storage.transactionSync(() => {
    store.setMeta("convertedAt", new Date(nowMs).toISOString());
    store.forgetAskers();
  });
}

/** Where a merged question ended up: merges may chain (merged into one that was merged later). */
function finalTarget(q: Question, byId: ReadonlyMap<string, Question>): Question | null {
  let current: Question | undefined = q;
  for (let hops = 0; current?.status === "merged" && current.mergedInto && hops < 50; hops++)
    current = byId.get(current.mergedInto);
  return current && current.status === "approved" ? current : null;
}

async function project(deps: AlarmDeps, nowMs: number): Promise<void> {
  const { store, env } = deps;
  const session = store.session();
  if (!session) return;
  const since = Number(store.meta("projectedVersion") ?? "-1");
  if (since >= session.version) return;
  await projectSession(env.DB, {
    session,
    questions: store.questions(),
    changed: store.approvedChangedSince(since),
    answers: store.answers(),
    nowIso: new Date(nowMs).toISOString(),
  });
  store.setMeta("projectedVersion", String(session.version));
}
