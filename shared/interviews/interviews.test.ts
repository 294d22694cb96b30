import { describe, expect, it } from "vitest";
import type { Actor } from "../domain/case-model";
import { can } from "../domain/permissions";
import { caseIn, storedSample } from "../domain/test-fixtures";
import { notifyMessageFor } from "../notify/decide";
import { InterviewPlan, QuestionSubmission } from "./interview.schema";
import { unansweredQuestionCases } from "./question-cases";
import { type Answer, decideModeration, type ModerationCommand, newQuestion, type Question } from "./questions";
import { nextBoundary, type SessionState, schedule, statusAt } from "./session";

const START = Date.parse("2026-05-20T02:00:00Z");
const HOUR = 3600_000;
const PLAN = InterviewPlan.parse({
  title: "城市供暖与老旧小区改造",
  description: "市住建局负责同志在线回答网友提问。",
  regionCode: "620800",
  guests: [
    { id: "g1", name: "王建国", title: "市住建局副局长", departmentId: "pl-housing" },
    { id: "g2", name: "吴志强", title: "市生态环境局副局长", departmentId: "pl-ecology" },
  ],
  startsAt: new Date(START).toISOString(),
  endsAt: new Date(START + 2 * HOUR).toISOString(),
});
const office = { role: "dispatcher", userId: "d1", departmentId: "pl-office" } as const;
const housing = { role: "spokesperson", userId: "s1", departmentId: "pl-housing" } as const;
const PASS = { action: "pass" } as const;

function session(nowMs = START - HOUR): SessionState {
  return schedule(null, { id: "iv00000001", plan: PLAN }, nowMs);
}

function asked(
  s: SessionState,
  id: string,
  nowMs: number,
  text = "我们小区的暖气一直不热，什么时候能改造？",
): Question {
  return newQuestion(s, { id, seq: Number(id.replace(/\D/g, "")), text, hasPhone: true }, PASS, nowMs);
}

function run(
  s: SessionState,
  questions: Question[],
  command: ModerationCommand,
  actor: Actor & { userId: string },
  nowMs: number,
) {
  return decideModeration(s, (id) => questions.find((q) => q.id === id) ?? null, command, actor, nowMs, "answer01");
}

describe("a session's plan and clock", () => {
  it("is scheduled before its start, live during it, ended after it or after the moderator ends it", () => {
    const s = session();
    expect(statusAt(s, START - 1)).toBe("scheduled");
    expect(statusAt(s, START)).toBe("live");
    expect(statusAt(s, START + 2 * HOUR)).toBe("ended");
    expect(nextBoundary(s, START - HOUR)).toBe(START);
    expect(nextBoundary(s, START + 1)).toBe(START + 2 * HOUR);
    const ended = run(s, [], { name: "end" }, office, START + HOUR);
    expect(ended.kind === "session" && statusAt(ended.session, START + HOUR)).toBe("ended");
  });

  it("refuses a plan that ends before it starts, runs over 12 hours or names a guest twice", () => {
    const bad = (patch: object) => InterviewPlan.safeParse({ ...PLAN, ...patch }).success;
    expect(bad({ endsAt: PLAN.startsAt })).toBe(false);
    expect(bad({ endsAt: new Date(START + 13 * HOUR).toISOString() })).toBe(false);
    expect(bad({ guests: [PLAN.guests[0], PLAN.guests[0]] })).toBe(false);
    expect(bad({ title: "短" })).toBe(false);
  });

  it("changes the plan only before the start, and never into the past", () => {
    const s = session();
    expect(
      schedule(s, { id: s.id, plan: { ...PLAN, title: "城市供暖与老旧小区改造（改期）" } }, START - 1).version,
    ).toBe(2);
    expect(() => schedule(s, { id: s.id, plan: PLAN }, START + 1)).toThrow(/started/);
    expect(() => schedule(null, { id: s.id, plan: PLAN }, START + 3 * HOUR)).toThrow(/end before/);
  });
});

describe("questions", () => {
  it("validates what a citizen sends: length, phone, no unknown fields", () => {
    expect(QuestionSubmission.safeParse({ text: "暖气不热怎么办？请回答一下" }).success).toBe(true);
    expect(QuestionSubmission.safeParse({ text: "太短" }).success).toBe(false);
    expect(QuestionSubmission.safeParse({ text: "暖气不热怎么办？请回答一下", phone: "12345" }).success).toBe(false);
    expect(QuestionSubmission.safeParse({ text: "暖气不热怎么办？请回答一下", status: "approved" }).success).toBe(
      false,
    );
  });

  it("are taken before and during the session, masked for viewers, and refused after it", () => {
    const s = session();
    const before = asked(s, "q1", START - 10 * 60_000, "我家电话13912345678，暖气一直不热，能来看看吗？");
    expect(before.status).toBe("pending");
    expect(before.publicText).toContain("139****5678");
    expect(before.text).toContain("13912345678");
    expect(asked(s, "q2", START + HOUR).status).toBe("pending");
    expect(() => asked(s, "q3", START + 2 * HOUR)).toThrow(/ended/);
  });

  it("screens like a message: spam is declined at once, a listed word is flagged for the moderator", () => {
    const s = session();
    const spam = newQuestion(
      s,
      { id: "q1", seq: 1, text: "http://spam.example/xxxx", hasPhone: false },
      { action: "reject", reason: "仅网址" },
      START,
    );
    expect(spam).toMatchObject({ status: "declined", decidedBy: "screening" });
    const held = newQuestion(
      s,
      { id: "q2", seq: 2, text: "有人代开发票吗请问怎么举报", hasPhone: false },
      { action: "hold", reason: "需人工审核" },
      START,
    );
    expect(held).toMatchObject({ status: "pending", flag: "需人工审核" });
  });
});

describe("moderation states", () => {
  const s = session();
  const live = START + 10 * 60_000;

  it("approves, declines and merges only pending questions, and only the platform office does", () => {
    const q1 = asked(s, "q1", live);
    const q2 = asked(s, "q2", live);
    const approved = run(s, [q1, q2], { name: "approve", questionId: "q1", guestId: "g1" }, office, live);
    expect(approved.kind === "question" && approved.question).toMatchObject({ status: "approved", guestId: "g1" });
    const a1 = approved.kind === "question" ? approved.question : q1;
    expect(() => run(s, [a1, q2], { name: "approve", questionId: "q1", guestId: "g1" }, office, live)).toThrow(
      /approved/,
    );
    expect(() => run(s, [a1, q2], { name: "decline", questionId: "q2", reason: "重复" }, housing, live)).toThrow(
      /may not/,
    );
    const merged = run(s, [a1, q2], { name: "merge", questionId: "q2", intoQuestionId: "q1" }, office, live);
    expect(merged.kind === "question" && merged.question).toMatchObject({ status: "merged", mergedInto: "q1" });
    expect(() => run(s, [a1, q2], { name: "merge", questionId: "q2", intoQuestionId: "q2" }, office, live)).toThrow(
      /merges only/,
    );
    const declined = run(s, [a1, q2], { name: "decline", questionId: "q2", reason: "与访谈主题无关" }, office, live);
    expect(declined.kind === "question" && declined.question.status).toBe("declined");
    expect(() => run(s, [a1], { name: "approve", questionId: "q9", guestId: "g1" }, office, live)).toThrow(
      /No such question/,
    );
    expect(() => run(s, [q2], { name: "approve", questionId: "q2", guestId: "g7" }, office, live)).toThrow(
      /No such guest/,
    );
  });

  it("masks the moderator's edited wording again", () => {
    const q1 = asked(s, "q1", live);
    const edited = run(
      s,
      [q1],
      { name: "approve", questionId: "q1", guestId: "g1", text: "请问13912345678这家的暖气何时修好？" },
      office,
      live,
    );
    expect(edited.kind === "question" && edited.question.publicText).toBe("请问139****5678这家的暖气何时修好？");
  });

  it("lets a guest's own department or the office's typist answer an approved question while live", () => {
    const q1 = { ...asked(s, "q1", live), status: "approved" as const, guestId: "g1" };
    const answered = run(
      s,
      [q1],
      { name: "answer", questionId: "q1", guestId: "g1", text: "今年秋季前完成改造。" },
      housing,
      live,
    );
    expect(answered.kind === "answer" && answered.answer).toMatchObject({ guestId: "g1", answeredBy: "s1" });
    expect(
      run(s, [q1], { name: "answer", questionId: "q1", guestId: "g2", text: "由住建局牵头。" }, office, live).kind,
    ).toBe("answer");
    expect(() =>
      run(s, [q1], { name: "answer", questionId: "q1", guestId: "g2", text: "不是我的。" }, housing, live),
    ).toThrow(/may not/);
    expect(() =>
      run(s, [q1], { name: "answer", questionId: "q1", guestId: "g1", text: "还没开始。" }, office, START - 1),
    ).toThrow(/live/);
    const pending = asked(s, "q2", live);
    expect(() =>
      run(s, [pending], { name: "answer", questionId: "q2", guestId: "g1", text: "先答了。" }, office, live),
    ).toThrow(/pending/);
  });

  it("pauses: nothing is approved or answered until it resumes", () => {
    const paused = run(s, [], { name: "pause" }, office, live);
    const p = paused.kind === "session" ? paused.session : s;
    expect(p.paused).toBe(true);
    const q1 = asked(p, "q1", live);
    expect(() => run(p, [q1], { name: "approve", questionId: "q1", guestId: "g1" }, office, live)).toThrow(/paused/);
    expect(() => run(p, [], { name: "pause" }, office, live)).toThrow(/Already/);
    const resumed = run(p, [], { name: "resume" }, office, live);
    expect(resumed.kind === "session" && resumed.session.paused).toBe(false);
    expect(() => run(s, [], { name: "pause" }, office, START - 1)).toThrow(/live/);
  });
});

describe("unanswered questions after the end", () => {
  it("become one consult case each at the guest's department, in the order asked", () => {
    const s = session();
    const q = (id: string, patch: Partial<Question>) => ({ ...asked(s, id, START), ...patch });
    const questions = [
      q("q3", { status: "approved", guestId: "g2" }),
      q("q1", { status: "approved", guestId: "g1" }),
      q("q2", { status: "approved", guestId: "g1" }),
      q("q4", { status: "declined" }),
      q("q5", { status: "pending" }),
      q("q6", { status: "merged", mergedInto: "q1" }),
    ];
    const answers: Answer[] = [
      { id: "a1", questionId: "q2", guestId: "g1", text: "答复", answeredAt: "", answeredBy: "s1" },
    ];
    const cases = unansweredQuestionCases(s, questions, answers);
    expect(cases.map((c) => [c.questionId, c.departmentId])).toEqual([
      ["q1", "pl-housing"],
      ["q3", "pl-ecology"],
    ]);
    expect(cases[0]?.content).toMatchObject({ type: "consult", regionCode: "620800", isPublic: true });
    expect(cases[0]?.content.title.startsWith("在线访谈：")).toBe(true);
    expect(cases[0]?.content.body).toContain("城市供暖与老旧小区改造");
  });

  it("send their receipt (tracking number and query code) down the usual notification path", () => {
    // Unlike seeded demo cases and imported history, which tell nobody.
    const state = caseIn("assigned", { channel: "interview" });
    const receipt = notifyMessageFor(storedSample("case.submitted"), state, null, { queryCode: "QC123456" });
    expect(receipt).toMatchObject({
      type: "case.submitted",
      trackingNo: state.trackingNo,
      secretVars: { queryCode: "QC123456" },
    });
    expect(notifyMessageFor(storedSample("case.submitted"), { ...state, channel: "seed" }, null)).toBeNull();
  });
});

describe("who may run a session", () => {
  it("schedules and moderates from the platform office only", () => {
    for (const action of ["interview.schedule", "interview.moderate"] as const) {
      expect(can(office, action)).toBe(true);
      expect(can(housing, action)).toBe(false);
      expect(can({ role: "supervisor", departmentId: "pl-office" }, action)).toBe(false);
    }
  });
});
