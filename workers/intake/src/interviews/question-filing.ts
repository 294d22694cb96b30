import { caseRecord } from "../../../../shared/case-record/client";
import { DomainError } from "../../../../shared/domain/errors";
import { caseIdFor } from "../../../../shared/domain/ids";
import type { QuestionCase } from "../../../../shared/interviews/question-cases";
import { logEvent } from "../../../../shared/log";
import { registerForReconciliation } from "../case-submission";

/** The case of a session's question: the same id however often it is asked for, so it is filed once. */
export function questionCaseId(interviewId: string, questionId: string): string {
  return caseIdFor(`interview:${interviewId}`, questionId);
}

/**
 * Files an unanswered question as a case through its case object (submitted, accepted and assigned
 * to the guest's department at once), and registers it for reconciliation like any submission.
 * A repeat (a second alarm, a retry after a lost answer) gets the same tracking number back.
 */
export async function fileQuestionCase(
  env: IntakeEnv,
  interviewId: string,
  filing: QuestionCase,
  asker: { name: string | null; phone: string | null },
  nowMs: number,
): Promise<string> {
  const caseId = questionCaseId(interviewId, filing.questionId);
  const { outcome } = await caseRecord(env, caseId).fromInterview({
    caseId,
    interviewId,
    questionId: filing.questionId,
    departmentId: filing.departmentId,
    note: filing.note,
    content: filing.content,
    asker,
  });
  await registerForReconciliation(env, caseId, {
    trackingNo: outcome.trackingNo,
    submittedAt: new Date(nowMs).toISOString(),
  });
  return outcome.trackingNo;
}

/**
 * A question merged into one that became a case: its asker's phone supports that case (附议), so
 * they hear of it too. A refusal (the case closed meanwhile) is logged, not retried forever.
 */
export async function supportQuestionCase(
  env: IntakeEnv,
  interviewId: string,
  target: { questionId: string },
  merged: { questionId: string; phone: string },
): Promise<void> {
  try {
    await caseRecord(env, questionCaseId(interviewId, target.questionId)).support({
      idempotencyKey: `interview:${interviewId}:${merged.questionId}`,
      phone: merged.phone,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logEvent("warn", "interview-support-refused", { interviewId, questionId: merged.questionId, code: error.code });
  }
}
