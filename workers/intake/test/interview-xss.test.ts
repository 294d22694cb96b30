import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { interviewStub } from "../../../shared/interviews/client";
import { expectSafeHtml } from "../../../test/fixtures/html-safety";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { uniqueKey } from "./fixtures";
import { HOUSING_GUEST, MINUTE, moderate, newInterviewId } from "./interview-fixtures";
import { page } from "./portal-fixtures";

// Every payload of the corpus in every field of a session a person fills — title, description,
// guests' names and titles, questions, answers — rendered as text on the list, the session's page
// (both languages) and the board's search.
it("renders every XSS payload as inert text on the interview pages", async () => {
  const id = newInterviewId();
  const stub = interviewStub(env, id);
  const now = Date.now();
  const guests = [1, 2, 3, 4].map((n) => ({
    id: `g${n}`,
    name: (XSS_PAYLOADS[n] ?? "").slice(0, 40).trim() || `嘉宾${n}`,
    title: (XSS_PAYLOADS[n + 4] ?? "").slice(0, 80).trim() || "职务",
    departmentId: "pl-housing",
  }));
  const scheduled = await stub.schedule({
    interviewId: id,
    idempotencyKey: uniqueKey("xss-schedule"),
    scheduledBy: "dispatcher",
    plan: {
      title: `访谈：${XSS_PAYLOADS[0]}`.slice(0, 100),
      description: XSS_PAYLOADS.join(" ").slice(0, 2000),
      regionCode: "620800",
      guests,
      startsAt: new Date(now - MINUTE).toISOString(),
      endsAt: new Date(now + 60 * MINUTE).toISOString(),
    },
  });
  expect(scheduled.ok).toBe(true);
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const asked = await stub.ask({
      interviewId: id,
      idempotencyKey: uniqueKey("xss-ask"),
      question: { text: `网友提问 xss：${payload}`.slice(0, 500) },
      verdict: { action: "pass" },
    });
    if (!asked.ok) throw new Error(asked.error.message);
    const questionId = asked.value.questionId;
    await moderate(stub, id, { name: "approve", questionId, guestId: "g1" });
    if (i % 2 === 0)
      await moderate(stub, id, { name: "answer", questionId, guestId: "g1", text: `答复：${payload}` }, HOUSING_GUEST);
  }
  await runDurableObjectAlarm(stub);
  for (const path of [`/interviews/${id}`, `/interviews/${id}?lang=en`, "/interviews", `/board?q=xss`, "/"]) {
    const res = await page(path);
    expect(res.status, path).toBe(200);
    await expectSafeHtml(res.html, path);
  }
  const text = await expectSafeHtml((await page(`/interviews/${id}`)).html, "session page");
  expect(text).toContain("<script>alert(1)</script>");
});
