import { demoInterviews } from "../../../../shared/demo/demo-interviews";
import { DomainError } from "../../../../shared/domain/errors";
import { type InterviewSessionBinding, interviewSession } from "../../../../shared/interviews/client";
import type { ModerationCommand } from "../../../../shared/interviews/questions";

const OFFICE = { role: "dispatcher" as const, userId: "dispatcher", departmentId: "pl-office" };

/**
 * The demo's two 在线访谈, through their objects exactly as the console and the API drive them,
 * with backdated times. Every command has a fixed key, so a second seed the same day replays; on a
 * later day the plan's times differ and the object refuses the key (422): that session is left as it is.
 * The past session's alarm then files its unanswered question as a case, as after any session.
 */
export async function seedInterviews(env: InterviewSessionBinding, nowMs: number): Promise<void> {
  for (const demo of demoInterviews(nowMs)) {
    const session = interviewSession(env, demo.id);
    try {
      await session.schedule({
        interviewId: demo.id,
        plan: demo.plan,
        idempotencyKey: `demo-schedule-${demo.id}`,
        scheduledBy: "dispatcher",
        now: demo.scheduledAt,
      });
    } catch (error) {
      if (error instanceof DomainError && error.status === 422) continue;
      throw error;
    }
    const ids = new Map<string, string>();
    for (const q of demo.questions) {
      const { value } = await session.ask({
        interviewId: demo.id,
        idempotencyKey: q.key,
        question: { text: q.text, ...(q.phone ? { phone: q.phone } : {}) },
        verdict: { action: "pass" },
        now: q.at,
      });
      ids.set(q.key, value.questionId);
    }
    const steps = demo.questions
      .flatMap((q) => q.steps.map((s, i) => ({ ...s, key: `${q.key}-${i}`, questionId: ids.get(q.key) ?? "" })))
      .sort((a, b) => a.at.localeCompare(b.at));
    for (const step of steps) {
      const c = step.command;
      const command: ModerationCommand =
        c.name === "mergeInto"
          ? { name: "merge", questionId: step.questionId, intoQuestionId: ids.get(c.into) ?? "" }
          : { ...c, questionId: step.questionId };
      const guest = c.name === "answer" ? demo.plan.guests.find((g) => g.id === c.guestId) : undefined;
      const actor = guest
        ? {
            role: "spokesperson" as const,
            userId: `${guest.departmentId}-spokesperson`,
            departmentId: guest.departmentId,
          }
        : OFFICE;
      await session.moderate({ interviewId: demo.id, idempotencyKey: step.key, actor, command, now: step.at });
    }
  }
}
