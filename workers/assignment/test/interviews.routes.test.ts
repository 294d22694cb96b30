import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { interviewStub } from "../../../shared/interviews/client";
import { inspectEnglishPage } from "../../../test/fixtures/english-pages";
import { beijingLocal } from "../src/desk/interview-forms";
import { ConsoleClient } from "./console";
import { waitFor } from "./helpers";

const MINUTE = 60_000;
const PATH = "/console/interviews";

function planFields(startMs: number, endMs: number, extra: Record<string, string> = {}) {
  return {
    title: "聚焦城市供暖：市住建局在线访谈",
    description: "市住建局负责同志在线回答网友关于供暖的提问。",
    regionCode: "620800",
    startsAt: beijingLocal(new Date(startMs).toISOString()),
    endsAt: beijingLocal(new Date(endMs).toISOString()),
    guest1Name: "王建国",
    guest1Title: "市住建局副局长",
    guest1Department: "pl-housing",
    guest2Name: "吴志强",
    guest2Title: "市生态环境局副局长",
    guest2Department: "pl-ecology",
    ...extra,
  };
}

/** Signed in, with the CSRF token of a console page read (as a browser would have it). */
async function signedIn(username: string): Promise<ConsoleClient> {
  const client = await ConsoleClient.signIn(username);
  await client.get("/console/profile");
  return client;
}

async function scheduleLive(office: ConsoleClient) {
  const res = await office.post(PATH, planFields(Date.now() - 2 * MINUTE, Date.now() + 60 * MINUTE));
  expect(res.status).toBe(303);
  const id = res.headers.get("location")?.split("/").pop() ?? "";
  return { id, stub: interviewStub(env, id) };
}

async function citizenAsks(stub: ReturnType<typeof interviewStub>, id: string, text: string) {
  const r = await stub.ask({
    interviewId: id,
    idempotencyKey: crypto.randomUUID(),
    question: { text, phone: "13912345678" },
    verdict: { action: "pass" },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.questionId;
}

describe("在线访谈 in the console", () => {
  it("lets the platform office schedule a session, refusing a bad plan with its reason, and lists it", async () => {
    const office = await signedIn("dispatcher");
    const bad = await office.post(
      PATH,
      planFields(Date.now() + 60 * MINUTE, Date.now() + 30 * MINUTE, { guest2Department: "" }),
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("结束时间须晚于开始时间");
    const { id } = await scheduleLive(office);
    const desk = await office.get(`${PATH}/${id}`);
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain("聚焦城市供暖");
    await waitFor(() => env.DB.prepare("SELECT id FROM interviews WHERE id = ?").bind(id).first());
    expect(await (await office.get(PATH)).text()).toContain(`/console/interviews/${id}`);
  });

  it("keeps scheduling and moderation to the platform office; a department's handler cannot open it at all", async () => {
    const office = await signedIn("dispatcher");
    const { id, stub } = await scheduleLive(office);
    const q = await citizenAsks(stub, id, "供暖费能不能按实际用热量收取？");
    const handler = await signedIn("pl-housing-handler");
    expect((await handler.get(PATH)).status).toBe(403);
    const guest = await signedIn("pl-housing-spokesperson");
    expect((await guest.get(PATH)).status).toBe(200);
    expect((await guest.post(PATH, planFields(Date.now() + MINUTE, Date.now() + 60 * MINUTE))).status).toBe(403);
    expect((await guest.post(`${PATH}/${id}/do/approve`, { questionId: q, guestId: "g1" })).status).toBe(403);
    expect((await guest.post(`${PATH}/${id}/do/pause`, {})).status).toBe(403);
    expect((await stub.moderatorView())?.questions[0]?.status).toBe("pending");
  });

  it("walks a question: approved by the moderator, answered by its guest's own account; another department cannot answer it", async () => {
    const office = await signedIn("dispatcher");
    const { id, stub } = await scheduleLive(office);
    const q = await citizenAsks(stub, id, "老旧小区管网改造什么时候开始？电话13912345678");
    const deskHtml = await (await office.get(`${PATH}/${id}`)).text();
    expect(deskHtml).toContain("老旧小区管网改造");
    expect(deskHtml).toContain("139****5678");
    expect(deskHtml).not.toContain("13912345678"); // neither typed into the text nor left as the asker's
    expect(
      (
        await office.post(`${PATH}/${id}/do/approve`, {
          questionId: q,
          guestId: "g1",
          text: "老旧小区管网改造什么时候开始？",
        })
      ).status,
    ).toBe(303);

    const other = await signedIn("pl-ecology-spokesperson");
    const refused = await other.post(`${PATH}/${id}/do/answer`, { questionId: q, guestId: "g1", text: "这不归我们。" });
    expect(refused.status).toBe(403);
    const guest = await signedIn("pl-housing-spokesperson");
    const page = await (await guest.get(`${PATH}/${id}`)).text();
    expect(page).toContain(`action="/console/interviews/${id}/do/answer"`);
    expect(
      (await guest.post(`${PATH}/${id}/do/answer`, { questionId: q, guestId: "g1", text: "今年五月开工。" })).status,
    ).toBe(303);
    const snapshot = await stub.snapshot();
    expect(snapshot?.questions[0]).toMatchObject({ id: q, answers: [{ text: "今年五月开工。", guestId: "g1" }] });
    // The office's typist answers for a guest too.
    expect(
      (await office.post(`${PATH}/${id}/do/answer`, { questionId: q, guestId: "g2", text: "环保部门同步监测。" }))
        .status,
    ).toBe(303);
    expect((await stub.snapshot())?.questions[0]?.answers).toHaveLength(2);
  });

  it("pauses, resumes and ends a session; a paused session refuses approvals with the reason", async () => {
    const office = await signedIn("dispatcher");
    const { id, stub } = await scheduleLive(office);
    const q = await citizenAsks(stub, id, "请问城区何时开始供暖试运行？");
    expect((await office.post(`${PATH}/${id}/do/pause`, {})).status).toBe(303);
    const refused = await office.post(`${PATH}/${id}/do/approve`, { questionId: q, guestId: "g1" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("paused");
    expect((await office.post(`${PATH}/${id}/do/resume`, {})).status).toBe(303);
    expect((await office.post(`${PATH}/${id}/do/end`, {})).status).toBe(303);
    expect((await stub.moderatorView())?.status).toBe("ended");
    expect((await office.post(`${PATH}/${id}/do/bogus`, {})).status).toBe(400);
  });

  it("reads in English, Chinese only where people wrote it", async () => {
    const office = await signedIn("dispatcher");
    const { id, stub } = await scheduleLive(office);
    const q = await citizenAsks(stub, id, "供暖温度不达标可以向哪里反映？");
    await office.post(`${PATH}/${id}/do/approve`, { questionId: q, guestId: "g1" });
    await citizenAsks(stub, id, "这条等待审核的提问也应标注语言。");
    for (const path of [`${PATH}?lang=en`, `${PATH}/${id}?lang=en`]) {
      const res = await office.get(path);
      const en = await inspectEnglishPage(await res.text(), /^\/console/);
      expect([res.status, en.htmlLang, en.chinese], path).toEqual([200, "en", []]);
    }
  });
});
