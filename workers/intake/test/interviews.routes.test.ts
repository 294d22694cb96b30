import { runDurableObjectAlarm } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { InterviewSummary, PublicInterview } from "../../../shared/interviews/interview.schema";
import { freshIp, uniqueKey } from "./fixtures";
import { connectViewer, HOUSING_GUEST, MINUTE, moderate, scheduled, TEXT } from "./interview-fixtures";

const BASE = "http://intake.test/api/v1/interviews";

/** A session the read model knows (its first alarm projected it), live now. */
async function liveSession() {
  const session = await scheduled(Date.now() - 5 * MINUTE, Date.now() + 55 * MINUTE);
  await runDurableObjectAlarm(session.stub);
  return session;
}

function post(id: string, body: unknown, opts: { key?: string; ip?: string } = {}) {
  return exports.default.fetch(`${BASE}/${id}/questions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": opts.key ?? uniqueKey("question-key"),
      "cf-connecting-ip": opts.ip ?? freshIp(),
    },
    body: JSON.stringify(body),
  });
}

describe("GET /api/v1/interviews", () => {
  it("lists sessions with their status by the clock, guests and department names", async () => {
    const { id } = await liveSession();
    const res = await exports.default.fetch(BASE);
    expect(res.status).toBe(200);
    const { interviews } = (await res.json()) as { interviews: InterviewSummary[] };
    const mine = interviews.find((i) => i.id === id);
    expect(mine).toMatchObject({
      status: "live",
      guests: [{ name: "王建国", department: "平凉市住房和城乡建设局" }, { id: "g2" }],
    });
    expect(mine?.startsAt).toMatch(/\+08:00$/);
  });
});

describe("POST /api/v1/interviews/{id}/questions", () => {
  it("answers 202 pending, shows nothing until approved, and replays the same key", async () => {
    const { id, stub } = await liveSession();
    const key = uniqueKey("ask");
    const body = { text: TEXT, name: "张女士", phone: "13812345678" };
    const first = await post(id, body, { key });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ status: "pending" });
    const replay = await post(id, body, { key });
    expect([replay.status, await replay.json()]).toEqual([202, { status: "pending" }]);
    expect((await post(id, { ...body, text: `${TEXT}再问一次` }, { key })).status).toBe(422);
    const view = (await (await exports.default.fetch(`${BASE}/${id}`)).json()) as PublicInterview;
    expect(view.questions).toEqual([]);
    expect((await stub.moderatorView())?.questions).toHaveLength(1);
  });

  it("refuses bad input without storing anything: short text, a bad phone, unknown fields, no key, no such session", async () => {
    const { id, stub } = await liveSession();
    const bad = [
      await post(id, { text: "太短了" }),
      await post(id, { text: TEXT, phone: "1381234" }),
      await post(id, { text: TEXT, status: "approved" }),
      await exports.default.fetch(`${BASE}/${id}/questions`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": freshIp() },
        body: JSON.stringify({ text: TEXT }),
      }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(await bad[0]?.json()).toMatchObject({ error: { code: "validation_failed" } });
    expect((await post("nosuchinterview0", { text: TEXT })).status).toBe(404);
    expect((await stub.moderatorView())?.questions).toEqual([]);
  });

  it("limits questions to ten a minute per client address", async () => {
    const { id } = await liveSession();
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(id, { text: `${TEXT}（第${i}问）` }, { ip })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("refuses questions once the session has ended", async () => {
    const over = await scheduled(Date.now() - 120 * MINUTE, Date.now() - 60 * MINUTE, Date.now() - 180 * MINUTE);
    await runDurableObjectAlarm(over.stub);
    const res = await post(over.id, { text: TEXT });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("interview_ended");
  });
});

describe("GET /api/v1/interviews/{id} and /live", () => {
  it("gives the approved questions with answers, and pushes an answer to a WebSocket viewer", async () => {
    const { id, stub } = await liveSession();
    const viewer = await connectViewer(exports.default, `${BASE}/${id}/live`);
    await viewer.next("status");
    await post(id, { text: TEXT });
    const q = (await stub.moderatorView())?.questions[0]?.id ?? "";
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" });
    await moderate(stub, id, { name: "answer", questionId: q, guestId: "g1", text: "年内完成。" }, HOUSING_GUEST);
    expect((await viewer.next("answer")).answer.text).toBe("年内完成。");
    const res = await exports.default.fetch(`${BASE}/${id}`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=2");
    const view = (await res.json()) as PublicInterview;
    expect(view).toMatchObject({
      id,
      status: "live",
      paused: false,
      questions: [{ id: q, answers: [{ text: "年内完成。" }] }],
    });
    viewer.ws.close(1000, "bye");
  });

  it("answers 426 to a plain GET of the feed and 404 to an unknown session", async () => {
    const { id } = await liveSession();
    expect((await exports.default.fetch(`${BASE}/${id}/live`)).status).toBe(426);
    const unknown = await exports.default.fetch(`${BASE}/nosuchinterview0/live`, { headers: { Upgrade: "websocket" } });
    expect(unknown.status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/nosuchinterview0`)).status).toBe(404);
    expect((await exports.default.fetch(`${BASE}/NOT-AN-ID`)).status).toBe(400);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await exports.default.fetch("http://intake.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/api/v1/interviews",
      "/api/v1/interviews/{id}",
      "/api/v1/interviews/{id}/questions",
      "/api/v1/interviews/{id}/live",
    ])
      expect(doc.paths[path], path).toBeDefined();
  });
});
