import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const healthz = async () => {
  const res = await exports.default.fetch("http://intake.test/healthz");
  return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
};

describe("GET /healthz", () => {
  it("answers 200 when D1 answers, no dead letter waits and no case is overdue for D1; 503 with the reason otherwise", async () => {
    await env.DB.exec("DELETE FROM dead_letters; DELETE FROM case_registry;");
    expect(await healthz()).toEqual({
      status: 200,
      cache: "no-store",
      body: {
        ok: true,
        db: "ok",
        deadLetters: 0,
        oldestUnprojectedSeconds: 0,
        queues: {
          caseIntake: expect.toBeOneOf([null, expect.any(Number)]),
          caseEvents: expect.toBeOneOf([null, expect.any(Number)]),
          caseRegistry: expect.toBeOneOf([null, expect.any(Number)]),
        },
      },
    });

    const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000).toISOString();
    await env.DB.prepare("INSERT INTO case_registry (case_id, tracking_no, submitted_at) VALUES (?, ?, ?)")
      .bind(`never-projected-${crypto.randomUUID()}`, "T", twentyMinutesAgo)
      .run();
    const late = await healthz();
    expect(late.status).toBe(503);
    expect(late.body).toMatchObject({ ok: false, deadLetters: 0, oldestUnprojectedSeconds: expect.any(Number) });
    expect((late.body as { oldestUnprojectedSeconds: number }).oldestUnprojectedSeconds).toBeGreaterThanOrEqual(1200);

    await env.DB.prepare(
      "INSERT INTO dead_letters (id, queue, body, error, attempts, received_at) VALUES (?, 'case-events', '{}', 'x', 6, ?)",
    )
      .bind(crypto.randomUUID(), new Date().toISOString())
      .run();
    expect((await healthz()).body).toMatchObject({ ok: false, deadLetters: 1 });
    await env.DB.exec("DELETE FROM dead_letters; DELETE FROM case_registry;");
  });
});
