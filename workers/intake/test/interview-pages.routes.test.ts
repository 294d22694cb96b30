import { runDurableObjectAlarm } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { inspectEnglishPage } from "../../../test/fixtures/english-pages";
import { freshIp } from "./fixtures";
import { ask, HOUSING_GUEST, MINUTE, moderate, OFFICE, scheduled, TEXT } from "./interview-fixtures";
import { page } from "./portal-fixtures";

async function projected(session: Awaited<ReturnType<typeof scheduled>>) {
  await runDurableObjectAlarm(session.stub);
  return session;
}

function postForm(id: string, fields: Record<string, string>, ip = freshIp()) {
  return exports.default.fetch(`http://intake.test/interviews/${id}/questions`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
    body: new URLSearchParams(fields).toString(),
  });
}

const KEY = () => crypto.randomUUID().replace(/-/g, "");

describe("the interview pages", () => {
  it("lists live, coming and past sessions, with a countdown to the next, and announces them on the home page", async () => {
    const coming = await projected(await scheduled(Date.now() + 26 * 60 * MINUTE, Date.now() + 28 * 60 * MINUTE));
    const live = await projected(await scheduled(Date.now() - MINUTE, Date.now() + 60 * MINUTE));
    const list = await page("/interviews");
    expect(list.status).toBe(200);
    const section = (name: string) =>
      list.html.split(`data-testid="interviews-${name}"`)[1]?.split("</section>")[0] ?? "";
    expect(section("upcoming")).toContain(`/interviews/${coming.id}`);
    expect(section("upcoming")).toMatch(/距开始还有 1 天 \d+ 小时/);
    expect(section("live")).toContain(`/interviews/${live.id}`);
    const home = await page("/");
    expect(home.html.split('data-testid="home-interviews"')[1]).toContain(`/interviews/${live.id}`);
    expect(home.html).toContain('href="/interviews"');
  });

  it("shows a live session's approved questions and answers only, never who asked, with the form to ask", async () => {
    const { id, stub } = await projected(await scheduled(Date.now() - MINUTE, Date.now() + 60 * MINUTE));
    const shown = await ask(stub, id, {
      name: "赵先生",
      phone: "13512345678",
      text: "老旧小区加装电梯有没有补贴？我电话13512345678",
    });
    await ask(stub, id, { text: "这一条还在等待审核，不应出现在页面上。" });
    await moderate(stub, id, { name: "approve", questionId: shown, guestId: "g1" });
    await moderate(
      stub,
      id,
      { name: "answer", questionId: shown, guestId: "g1", text: "每台补贴十万元。" },
      HOUSING_GUEST,
    );
    const { status, html } = await page(`/interviews/${id}`);
    expect(status).toBe(200);
    expect(html).toContain("老旧小区加装电梯有没有补贴？我电话135****5678");
    expect(html).toContain("每台补贴十万元。");
    expect(html).toContain("王建国（市住建局副局长）");
    expect(html).not.toContain("这一条还在等待审核");
    for (const secret of ["赵先生", "13512345678"]) expect(html).not.toContain(secret);
    expect(html).toContain(`action="/interviews/${id}/questions"`);
    expect(html).toContain('src="/assets/interview-live.js"');
  });

  it("takes a question from the form (PRG), re-renders bad input beside its field, and sends it once on a double post", async () => {
    const { id, stub } = await projected(await scheduled(Date.now() - MINUTE, Date.now() + 60 * MINUTE));
    const key = KEY();
    const ok = await postForm(id, { key, text: TEXT, phone: "" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/interviews/${id}?asked=1#ask`);
    expect((await postForm(id, { key, text: TEXT, phone: "" })).status).toBe(303);
    expect((await stub.moderatorView())?.questions).toHaveLength(1);
    const bad = await postForm(id, { key: KEY(), text: "太短", phone: "123" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("问题须为 10–500 字");
    expect(html).toContain("请填写 11 位中国大陆手机号");
    expect((await postForm(id, { text: TEXT })).status).toBe(400); // no form key
    expect((await stub.moderatorView())?.questions).toHaveLength(1);
    expect((await page(`/interviews/${id}?asked=1`)).html).toContain("问题已提交，审核通过后公开。");
  });

  it("shows an ended session's transcript with each unanswered question's case, and no form", async () => {
    const start = Date.now() - 120 * MINUTE;
    const { id, stub } = await scheduled(start, Date.now() - 60 * MINUTE, start - MINUTE);
    const q = await ask(stub, id, { at: start + MINUTE });
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g2" }, OFFICE, start + MINUTE);
    await runDurableObjectAlarm(stub);
    const tracking = (await stub.moderatorView())?.questions[0]?.caseTrackingNo ?? "none";
    const { html } = await page(`/interviews/${id}`);
    expect(html).toContain("访谈实录");
    expect(html).toContain(`href="/cases/${tracking}"`);
    expect(html).not.toContain(`action="/interviews/${id}/questions"`);
    const late = await postForm(id, { key: KEY(), text: TEXT });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("访谈已结束，不再接受提问。");
  });

  it("is found by the board's word search, linked to the question in its transcript", async () => {
    const start = Date.now() - 120 * MINUTE;
    const { id, stub } = await scheduled(start, Date.now() - 60 * MINUTE, start - MINUTE);
    const q = await ask(stub, id, { text: "东关水库周边的观鸟栈道什么时候开放？", at: start + MINUTE });
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" }, OFFICE, start + MINUTE);
    await moderate(
      stub,
      id,
      { name: "answer", questionId: q, guestId: "g1", text: "观鸟栈道预计六月开放。" },
      HOUSING_GUEST,
      start + 2 * MINUTE,
    );
    await runDurableObjectAlarm(stub);
    const board = await page(`/board?q=${encodeURIComponent("观鸟栈道")}`);
    const hits = board.html.split('data-testid="transcript-hits"')[1] ?? "";
    expect(hits).toContain(`/interviews/${id}#q-${q}`);
    expect(hits).toContain("观鸟栈道预计六月开放。");
    expect((await page(`/board?q=${encodeURIComponent("没有这种词语")}`)).html).not.toContain("transcript-hits");
  });

  it("reads in English with ?lang=en, Chinese only where people wrote it", async () => {
    const { id, stub } = await projected(await scheduled(Date.now() - MINUTE, Date.now() + 60 * MINUTE));
    const q = await ask(stub, id);
    await moderate(stub, id, { name: "approve", questionId: q, guestId: "g1" });
    await moderate(stub, id, { name: "answer", questionId: q, guestId: "g1", text: "今年完成。" }, HOUSING_GUEST);
    for (const path of [`/interviews/${id}?lang=en`, "/interviews?lang=en"]) {
      const res = await page(path);
      const en = await inspectEnglishPage(res.html, /^\/(?!api\/)/);
      expect([res.status, en.htmlLang, en.chinese, en.lostLanguage], path).toEqual([200, "en", [], []]);
    }
  });

  it("serves its script self-contained (no helper the bundler would add) and its stylesheet", async () => {
    const script = await exports.default.fetch("http://intake.test/assets/interview-live.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    const source = await script.text();
    expect(source).not.toContain("__name(");
    expect(source).toContain("/api/v1/interviews/");
    expect((await exports.default.fetch("http://intake.test/assets/interviews.css")).status).toBe(200);
    expect((await page("/interviews/nosuchinterview0")).status).toBe(404);
  });
});
