import { randomId } from "../../../../shared/domain/ids";
import { type InterviewSessionBinding, interviewSession } from "../../../../shared/interviews/client";

const OFFICE = { role: "dispatcher" as const, userId: "dispatcher", departmentId: "pl-office" };
const GUEST = { role: "spokesperson" as const, userId: "pl-housing-spokesperson", departmentId: "pl-housing" };

/**
 * The fan-out bench's session (local only, behind the demo token): live for two hours from a minute
 * ago, with `questions` questions asked and approved, ready for answers the bench times.
 */
export async function benchSession(
  env: InterviewSessionBinding,
  questions: number,
): Promise<{ id: string; questionIds: string[] }> {
  const id = `bench${randomId().slice(0, 12).toLowerCase()}`;
  const session = interviewSession(env, id);
  const now = Date.now();
  await session.schedule({
    interviewId: id,
    idempotencyKey: `bench-${id}`,
    scheduledBy: "bench",
    plan: {
      title: "在线访谈扇出基准测试",
      description: "npm run bench -- --interviews N",
      regionCode: "620800",
      guests: [{ id: "g1", name: "王建国", title: "市住建局副局长", departmentId: "pl-housing" }],
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 2 * 3600_000).toISOString(),
    },
  });
  const questionIds: string[] = [];
  for (let i = 0; i < questions; i++) {
    const { value } = await session.ask({
      interviewId: id,
      idempotencyKey: `bench-${id}-question-${i}`,
      question: { text: `基准测试第 ${i + 1} 个问题：老旧小区改造什么时候开始？` },
      verdict: { action: "pass" },
    });
    await session.moderate({
      interviewId: id,
      idempotencyKey: `bench-${id}-approve-${i}`,
      actor: OFFICE,
      command: { name: "approve", questionId: value.questionId, guestId: "g1" },
    });
    questionIds.push(value.questionId);
  }
  return { id, questionIds };
}

/** One answer, as the guest's account would give it: the frame every viewer should receive. */
export async function benchAnswer(env: InterviewSessionBinding, id: string, questionId: string): Promise<void> {
  await interviewSession(env, id).moderate({
    interviewId: id,
    idempotencyKey: `bench-${id}-answer-${questionId}`,
    actor: GUEST,
    command: { name: "answer", questionId, guestId: "g1", text: "今年内开工，明年底前完成。" },
  });
}
