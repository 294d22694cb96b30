import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import type { InterviewSession } from "../src/interviews/interview-session.do";
import { questionCaseId } from "../src/interviews/question-filing";
import { uniqueKey, waitFor } from "./fixtures";
import { ask, connectViewer, HOUSING_GUEST, MINUTE, moderate, OFFICE, scheduled, TEXT } from "./interview-fixtures";

const live = () => scheduled(Date.now() - 10 * MINUTE, Date.now() + 60 * MINUTE);

describe("InterviewSession: moderation states", () => {
  it("shows nothing a citizen sends until the moderator approves it, and never the asker", async () => {
    const { id, stub } = await live();
    const q1 = await ask(stub, id, {
      name: "王先生",
      phone: "13912345678",
      text: "我家电话13912345678，暖气一直不热，怎么办？",
    });
    expect((await stub.snapshot())?.questions).toEqual([]);
    expect((await moderate(stub, id, { name: "approve", questionId: q1, guestId: "g1" })).ok).toBe(true);
    const shown = (await stub.snapshot())?.questions ?? [];
    expect(shown.map((q) => q.id)).toEqual([q1]);
    const json = JSON.stringify(await stub.snapshot());
    for (const secret of ["13912345678", "王先生"]) expect(json).not.toContain(secret);
    expect(shown[0]?.text).toContain("139****5678");
  });

  it("declines and merges: neither is shown, a merge counts on the question it joined", async () => {
    const { id, stub } = await live();
    const [a, b, c] = [await ask(stub, id), await ask(stub, id), await ask(stub, id)];
    await moderate(stub, id, { name: "approve", questionId: a, guestId: "g1" });
    await moderate(stub, id, { name: "merge", questionId: b, intoQuestionId: a });
    await moderate(stub, id, { name: "decline", questionId: c, reason: "与本次访谈主题无关" });
    const snapshot = await stub.snapshot();
    expect(snapshot?.questions.map((q) => [q.id, q.mergedCount])).toEqual([[a, 1]]);
    const view = await stub.moderatorView();
    expect(view?.questions.map((q) => q.status)).toEqual(["approved", "merged", "declined"]);
  });

  it("refuses the wrong role, a guest of another department, and a question twice decided; refusals change nothing", async () => {
    const { id, stub } = await live();
    const q = await ask(stub, id);
    const before = (await stub.snapshot())?.session.version;
    expect(await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" }, HOUSING_GUEST)).toMatchObject({
      ok: false,
      error: { status: 403 },
    });
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g2" });
    expect(
      await moderate(stub, id, { name: "answer", questionId: q, guestId: "g2", text: "不是本局的事。" }, HOUSING_GUEST),
    ).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await moderate(stub, id, { name: "decline", questionId: q, reason: "重复提问" })).toMatchObject({
      ok: false,
      error: { status: 409 },
    });
    expect((await stub.snapshot())?.session.version).toBe((before ?? 0) + 1);
  });

  it("replays a question sent twice with the same key, and refuses the key with another question", async () => {
    const { id, stub } = await live();
    const key = uniqueKey("same-key");
    const send = (text: string) =>
      stub.ask({ interviewId: id, idempotencyKey: key, question: { text }, verdict: { action: "pass" } });
    const first = await send(TEXT);
    const again = await send(TEXT);
    expect(first.ok && again.ok && again.replayed && again.value.questionId === first.value.questionId).toBe(true);
    expect(await send(`${TEXT}（补充）`)).toMatchObject({ ok: false, error: { status: 422 } });
    expect((await stub.moderatorView())?.questions).toHaveLength(1);
  });

  it("takes questions before the start, and none after the end", async () => {
    const soon = await scheduled(Date.now() + 60 * MINUTE, Date.now() + 120 * MINUTE);
    await ask(soon.stub, soon.id);
    expect((await soon.stub.moderatorView())?.status).toBe("scheduled");
    const over = await scheduled(Date.now() - 120 * MINUTE, Date.now() - 60 * MINUTE, Date.now() - 180 * MINUTE);
    const late = await over.stub.ask({
      interviewId: over.id,
      idempotencyKey: uniqueKey("late"),
      question: { text: TEXT },
      verdict: { action: "pass" },
    });
    expect(late).toMatchObject({ ok: false, error: { status: 409, code: "interview_ended" } });
  });
});

describe("InterviewSession: the live feed", () => {
  it("pushes an answer to a viewer connected before it was given", async () => {
    const { id, stub } = await live();
    const viewer = await connectViewer(stub, "http://interview/live");
    expect((await viewer.next("status")).status).toBe("live");
    const q = await ask(stub, id);
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" });
    expect((await viewer.next("question")).question).toMatchObject({ id: q, answers: [] });
    await moderate(
      stub,
      id,
      { name: "answer", questionId: q, guestId: "g1", text: "今年十月底前完成管网改造。" },
      HOUSING_GUEST,
    );
    const answer = await viewer.next("answer");
    expect(answer).toMatchObject({ questionId: q, answer: { guestId: "g1", text: "今年十月底前完成管网改造。" } });
    const [status, question] = [await viewer.next("status"), await viewer.next("question")];
    expect([question.version, answer.version]).toEqual([status.version + 1, status.version + 2]);
    viewer.ws.close(1000, "bye");
  });

  it("keeps viewers connected while the object is evicted (hibernation), and pushes to them from a new instance", async () => {
    const { id, stub } = await live();
    const viewer = await connectViewer(stub, "http://interview/live");
    await viewer.next("status");
    await runInDurableObject(stub, (instance: InterviewSession) => {
      (instance as unknown as { marker: string }).marker = "first instance";
    });
    await evictDurableObject(stub);
    const q = await ask(stub, id);
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" });
    expect((await viewer.next("question")).question.id).toBe(q);
    const after = await runInDurableObject(stub, (instance: InterviewSession, state) => ({
      marker: (instance as unknown as { marker?: string }).marker,
      sockets: state.getWebSockets().length,
    }));
    expect(after).toEqual({ marker: undefined, sockets: 1 });
    expect(viewer.ws.readyState).toBe(WebSocket.READY_STATE_OPEN);
    viewer.ws.close(1000, "bye");
  });

  it("tells viewers of a pause and a resume, and publishes nothing while paused", async () => {
    const { id, stub } = await live();
    const viewer = await connectViewer(stub, "http://interview/live");
    await viewer.next("status");
    await moderate(stub, id, { name: "pause" });
    expect((await viewer.next("status", 1)).paused).toBe(true);
    const q = await ask(stub, id);
    expect(await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" })).toMatchObject({
      ok: false,
      error: { code: "interview_paused" },
    });
    await moderate(stub, id, { name: "resume" });
    expect((await viewer.next("status", 2)).paused).toBe(false);
    viewer.ws.close(1000, "bye");
  });
});

describe("InterviewSession: after the end", () => {
  async function endedWithQuestions() {
    const start = Date.now() - 120 * MINUTE;
    const { id, stub } = await scheduled(start, Date.now() - 60 * MINUTE, start - 60 * MINUTE);
    const during = start + 10 * MINUTE;
    const withPhone = await ask(stub, id, { phone: "13712345678", name: "李女士", at: during });
    const anonymous = await ask(stub, id, { text: "环保部门对小区旁的锅炉房烟尘有没有监测数据？", at: during });
    const answered = await ask(stub, id, { at: during });
    const merged = await ask(stub, id, { phone: "13612345678", at: during });
    const pending = await ask(stub, id, { at: during });
    await moderate(stub, id, { name: "approve", questionId: withPhone, guestId: "g1" }, OFFICE, during);
    await moderate(stub, id, { name: "approve", questionId: anonymous, guestId: "g2" }, OFFICE, during);
    await moderate(stub, id, { name: "approve", questionId: answered, guestId: "g1" }, OFFICE, during);
    await moderate(stub, id, { name: "merge", questionId: merged, intoQuestionId: withPhone }, OFFICE, during);
    await moderate(
      stub,
      id,
      { name: "answer", questionId: answered, guestId: "g1", text: "已列入今年计划。" },
      HOUSING_GUEST,
      during,
    );
    return { id, stub, withPhone, anonymous, answered, pending };
  }

  it("turns each approved unanswered question into one case at its guest's department, exactly once", async () => {
    const { id, stub, withPhone, anonymous, answered, pending } = await endedWithQuestions();
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub); // a second, late alarm files nothing twice
    const view = await stub.moderatorView();
    const tracking = new Map(view?.questions.map((q) => [q.id, q.caseTrackingNo]));
    expect(tracking.get(answered)).toBeNull();
    expect(tracking.get(pending)).toBeNull();
    expect(view?.conversion).toMatchObject({ done: 2, pending: 0 });
    expect(view?.conversion.finishedAt).not.toBeNull();

    const housing = await caseRecordStub(env, questionCaseId(id, withPhone)).staffView();
    expect(housing?.state).toMatchObject({
      status: "assigned",
      departmentId: "pl-housing",
      channel: "interview",
      isPublic: true,
    });
    expect(housing?.state.trackingNo).toBe(tracking.get(withPhone));
    expect(housing?.petitioner).toMatchObject({ phone: "13712345678", name: "李女士", notifyBy: ["sms"] });
    expect(housing?.state.supporters).toBe(1); // the merged question's asker supports it
    const ecology = await caseRecordStub(env, questionCaseId(id, anonymous)).staffView();
    expect(ecology?.state).toMatchObject({ status: "assigned", departmentId: "pl-ecology" });
    expect(ecology?.petitioner).toMatchObject({ phone: "", notifyBy: [] });

    // Filing the same question again (a lost answer retried) reaches the same case.
    const again = await caseRecordStub(env, questionCaseId(id, withPhone)).events();
    expect(again.filter((e) => e.type === "case.submitted")).toHaveLength(1);
    const rows = await waitFor(async () => {
      const found = await env.DB.prepare(
        "SELECT tracking_no, status, department_id FROM cases WHERE channel = 'interview' AND tracking_no IN (?, ?)",
      )
        .bind(tracking.get(withPhone), tracking.get(anonymous))
        .all<{ status: string }>();
      return found.results.length === 2 ? found.results : null;
    });
    expect(rows.map((r) => r.status)).toEqual(["assigned", "assigned"]);
    // Every asker's contact data left the session object with the cases.
    const askers = await runInDurableObject(stub, (_i, state) =>
      state.storage.sql.exec("SELECT * FROM askers").toArray(),
    );
    expect(askers).toEqual([]);
  });

  it("projects the session and its transcript into D1, links the filed cases, and keeps the askers out", async () => {
    const { id, stub, withPhone, answered } = await endedWithQuestions();
    await runDurableObjectAlarm(stub);
    const row = await env.DB.prepare("SELECT approved_count, answered_count, cases_count FROM interviews WHERE id = ?")
      .bind(id)
      .first();
    expect(row).toEqual({ approved_count: 3, answered_count: 1, cases_count: 2 });
    const entries = await env.DB.prepare(
      "SELECT question_id, answer_text, tracking_no, question_text FROM interview_entries WHERE interview_id = ? ORDER BY seq",
    )
      .bind(id)
      .all<{ question_id: string; answer_text: string; tracking_no: string | null; question_text: string }>();
    expect(entries.results.find((e) => e.question_id === answered)?.answer_text).toBe("已列入今年计划。");
    expect(entries.results.find((e) => e.question_id === withPhone)?.tracking_no).toMatch(/^[0-9A-Z]{12}$/);
    expect(JSON.stringify(entries.results)).not.toMatch(/13712345678|李女士/);
  });
});

describe("InterviewSession: an alarm chain that died", () => {
  it("is re-armed by the next read of an ended session whose questions are not all filed", async () => {
    const start = Date.now() - 120 * MINUTE;
    const { id, stub } = await scheduled(start, Date.now() - 60 * MINUTE, start - MINUTE);
    const q = await ask(stub, id, { at: start + MINUTE });
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" }, OFFICE, start + MINUTE);
    // As if the chain died before filing (the alarm the approval set may have run already: undo its mark).
    await runInDurableObject(stub, async (_i, state) => {
      await state.storage.deleteAlarm();
      state.storage.sql.exec("DELETE FROM meta WHERE key = 'convertedAt'");
    });
    await stub.snapshot();
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).not.toBeNull();
    await runDurableObjectAlarm(stub);
    expect((await stub.moderatorView())?.questions[0]?.caseTrackingNo).toMatch(/^[0-9A-Z]{12}$/);
  });
});
