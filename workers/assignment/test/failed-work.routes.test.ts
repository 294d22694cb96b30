import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConsoleClient } from "./console";

const PATH = "/console/admin/failed-work";

async function bury(queue: string, body: object) {
  const id = `dl-${crypto.randomUUID()}`;
  await env.DB.prepare(
    "INSERT INTO dead_letters (id, queue, body, error, attempts, received_at) VALUES (?, ?, ?, 'TypeError: boom', 6, ?)",
  )
    .bind(id, queue, JSON.stringify(body), new Date().toISOString())
    .run();
  return id;
}
const replayedAt = async (id: string) =>
  (await env.DB.prepare("SELECT replayed_at, replays FROM dead_letters WHERE id = ?").bind(id).first<{
    replayed_at: string | null;
    replays: number;
  }>()) ?? null;

afterEach(() => vi.restoreAllMocks());

describe("failed work (dead letters)", () => {
  it("is for admins only", async () => {
    const id = await bury("case-events", { v: 1 });
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    expect((await dispatcher.get(PATH)).status).toBe(403);
    expect((await dispatcher.post(`${PATH}/replay`, { id })).status).toBe(403);
    expect(await replayedAt(id)).toEqual({ replayed_at: null, replays: 0 });
  });

  it("lists each letter and replays it once to its own queue, however often the button is pressed", async () => {
    const body = { v: 1, kind: "case.event", eventId: `e-${crypto.randomUUID()}` };
    const id = await bury("case-events", body);
    const send = vi.spyOn(env.CASE_EVENTS, "send");
    const admin = await ConsoleClient.signIn("admin");
    const page = await (await admin.get(PATH)).text();
    expect(page).toContain(body.eventId);
    expect(page).toContain("TypeError: boom");

    const first = await admin.post(`${PATH}/replay`, { id });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("已重放 1 条");
    const again = await admin.post(`${PATH}/replay`, { id });
    expect(await again.text()).toContain("这条已经重放过");
    expect(send.mock.calls.map(([b]) => b)).toEqual([body]);
    expect(await replayedAt(id)).toMatchObject({ replayed_at: expect.any(String), replays: 1 });
  });

  it("gives the letter back when its replay cannot be sent, and replays all open letters at once", async () => {
    const failing = await bury("deadline-due", { v: 1, kind: "deadline.due", caseId: "x" });
    vi.spyOn(env.DEADLINE_DUE, "send").mockRejectedValueOnce(new Error("queue unavailable"));
    const admin = await ConsoleClient.signIn("admin");
    await admin.get(PATH); // the page's form carries the session's CSRF token
    vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = await admin.post(`${PATH}/replay`, { id: failing });
    expect(await refused.text()).toContain("发送失败");
    expect(await replayedAt(failing)).toEqual({ replayed_at: null, replays: 0 });

    const other = await bury("case-intake", { v: 1, kind: "case.submitted" });
    const intake = vi.spyOn(env.CASE_INTAKE, "send");
    const all = await admin.post(`${PATH}/replay-all`, {});
    expect(all.status).toBe(200);
    expect((await replayedAt(failing))?.replayed_at).not.toBeNull();
    expect((await replayedAt(other))?.replayed_at).not.toBeNull();
    expect(intake).toHaveBeenCalledTimes(1);
  });
});
