import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { d1, http, Staff, sleep, startPlatform, stopPlatform, waitFor } from "../e2e/platform";
import { axeViolations, enterSecondFactor, launchChromium, screenshot, startPartner } from "./browser";

// A citizen on a phone: the message form, the partner site's widgets (script and iframe) following a
// case through the console to its published reply, the iframe's frame-ancestors, the department
// scoreboard (script and iframe) on the same partner page, and axe-core.

let browser: Browser;
let phone: BrowserContext;
let platform = "";
let partner: { port: number; stop: () => void } | undefined;
let trackingNo = "";
const XSS = `<img src=x onerror="globalThis.__pwned=1">`;

beforeAll(async () => {
  await startPlatform();
  platform = new URL((await http("/api/v1/meta")).url).origin;
  [partner, browser] = await Promise.all([startPartner(platform), launchChromium()]);
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  // A case routed by the 派单目录 to the housing bureau, for the widget walks.
  const res = await http("/api/v1/cases", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `browser-widget-${Date.now()}` },
    body: JSON.stringify({
      type: "complaint",
      title: "小区路灯不亮",
      body: "小区路灯坏了两个多月，晚上出行不安全，请尽快维修。",
      regionCode: "620802",
      category: "urban_rural",
      phone: "13811112222",
      isPublic: true,
    }),
  });
  expect(res.status).toBe(201);
  trackingNo = ((await res.json()) as { trackingNo: string }).trackingNo;
  await waitFor(
    "routing to the housing bureau",
    () => statusOf(trackingNo),
    (s) => s === "assigned",
    30_000,
  );
});

afterAll(async () => {
  await browser?.close();
  partner?.stop();
  await stopPlatform();
});

async function statusOf(no: string): Promise<string | undefined> {
  return (await d1<{ status: string }>(`SELECT status FROM cases WHERE tracking_no = '${no}'`))[0]?.status;
}

/** Console lines about CSP or Trusted Types: the partner page's policy refused something. */
function policyComplaints(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (/Content Security Policy|Trusted ?Type|Refused to/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const partnerUrl = (host: string, query: Record<string, string>) =>
  `http://${host}:${partner?.port}/?${new URLSearchParams(query)}`;
// The partner page frames two widgets: the case's reply status and the housing bureau's scoreboard.
const CASE_FRAME = "iframe[data-widget=case]";
const SCOREBOARD_FRAME = "iframe[data-widget=scoreboard]";

describe("the message form in a browser", () => {
  it("submits and shows the receipt with the tracking number and the query code", async () => {
    const page = await phone.newPage();
    await page.goto(`${platform}/submit`);
    await page.selectOption("#type", "suggest");
    await page.fill("#title", "建议在柳湖公园增设夜间照明");
    await page.fill("#body", "柳湖公园北门一带晚上很暗，散步的老人和孩子多，建议增设路灯。");
    await page.selectOption("#regionCode", "620802");
    await page.fill("#phone", "13912345678");
    await screenshot(page, "submit-form");
    await page.click("button[type=submit]");
    const number = (await page.getByTestId("tracking-no").textContent())?.trim() ?? "";
    expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await page.getByTestId("query-code").textContent())?.trim()).toMatch(/^[0-9A-Z]{8}$/);
    expect(await page.getByTestId("query-code").isVisible()).toBe(true);
    await screenshot(page, "receipt");
    await page.close();
  });
});

describe("the iframe widget's frame-ancestors", () => {
  it("lets an origin an admin added frame it, and refuses another", async () => {
    // The admin adds the partner's 127.0.0.1 origin in the console; its localhost origin stays unlisted.
    const admin = await browser.newContext();
    const desk = await admin.newPage();
    await desk.goto(`${platform}/console/login`);
    await desk.fill("#username", "admin");
    await desk.fill("#password", "pingliang-demo");
    await Promise.all([desk.waitForURL((u) => !u.pathname.endsWith("/login")), desk.click("button[type=submit]")]);
    await enterSecondFactor(desk);
    await desk.goto(`${platform}/console/admin/widget-origins`);
    await desk.fill("#wo-origin", `http://127.0.0.1:${partner?.port}`);
    await desk.fill("#wo-partner", "崆峒融媒");
    await desk.click("form[action='/console/admin/widget-origins'] button[type=submit]");
    await expect
      .poll(() => desk.getByTestId("widget-origin").allTextContents())
      .toEqual([`http://127.0.0.1:${partner?.port}`]);
    await screenshot(desk, "admin-widget-origins");
    await admin.close();

    const allowed = await phone.newPage();
    const complaints = policyComplaints(allowed);
    await allowed.goto(partnerUrl("127.0.0.1", { case: trackingNo }));
    await allowed.locator(CASE_FRAME).scrollIntoViewIfNeeded();
    const frame = allowed.frameLocator(CASE_FRAME);
    await expect.poll(() => frame.locator("[part=status]").textContent(), { timeout: 15_000 }).toBe("已交办");
    expect(await frame.locator("[part=department]").textContent()).toContain("住");
    await expect
      .poll(() => allowed.locator(".wenzheng-widget [part=status]").textContent(), { timeout: 15_000 })
      .toBe("已交办");
    expect(complaints).toEqual([]);
    await screenshot(allowed, "partner-allowed");
    await allowed.close();

    const refused = await phone.newPage();
    const refusals = policyComplaints(refused);
    await refused.goto(partnerUrl("localhost", { case: trackingNo }));
    await refused.locator(CASE_FRAME).scrollIntoViewIfNeeded();
    // The script widget still works there (CORS is open); only the frame is refused.
    await expect
      .poll(() => refused.locator(".wenzheng-widget [part=status]").textContent(), { timeout: 15_000 })
      .toBe("已交办");
    await expect.poll(() => refusals.join("\n"), { timeout: 10_000 }).toMatch(/frame-ancestors/);
    const child = refused.frames().find((f) => f !== refused.mainFrame());
    expect(child?.url() ?? "").not.toContain("/widget/cases/"); // an error page, not the widget
    expect(await refused.frameLocator(CASE_FRAME).locator("[part=status]").count()).toBe(0);
    expect(await refused.frameLocator(SCOREBOARD_FRAME).locator("[part=unit]").count()).toBe(0);
    await screenshot(refused, "partner-refused");
    await refused.close();
  });
});

describe("the script widget on a partner site", () => {
  it("shows the case and follows it through the console to the published reply", async () => {
    const page = await phone.newPage();
    const complaints = policyComplaints(page);
    await page.goto(partnerUrl("127.0.0.1", { case: trackingNo, poll: "1", pollMax: "2" }));
    const widget = page.locator(".wenzheng-widget");
    await expect.poll(() => widget.locator("[part=status]").textContent(), { timeout: 15_000 }).toBe("已交办");
    expect(await widget.locator("[part=due-status]").textContent()).toBe("按期办理中");
    expect(await widget.locator("[part=due-at]").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await screenshot(page, "widget-assigned");

    const handler = await Staff.signIn("pl-housing-handler");
    await handler.act(trackingNo, "acknowledge");
    await expect.poll(() => widget.locator("[part=status]").textContent(), { timeout: 20_000 }).toBe("已签收");
    await handler.act(trackingNo, "draftReply", {
      text: `经现场核实，路灯线路老化，已于本周更换。${XSS}`,
      outcome: "resolved",
      outcomeNote: "",
    });
    const spokesperson = await Staff.signIn("pl-housing-spokesperson");
    await spokesperson.act(trackingNo, "publishReply");
    await expect.poll(() => widget.locator("[part=status]").textContent(), { timeout: 20_000 }).toBe("已答复");
    expect(await widget.locator("[part=reply-text]").textContent()).toBe(
      `经现场核实，路灯线路老化，已于本周更换。${XSS}`,
    );
    expect(await widget.locator("[part=spokesperson]").textContent()).toContain("王建国");
    expect(await widget.locator("[part=due-status]").count()).toBe(0); // answered: no longer on the clock
    expect(await widget.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(complaints).toEqual([]);
    await screenshot(page, "widget-replied");

    // English and dark, as a partner's data attributes ask.
    await page.goto(partnerUrl("127.0.0.1", { case: trackingNo, lang: "en", theme: "dark" }));
    await expect.poll(() => widget.locator("[part=status]").textContent(), { timeout: 15_000 }).toBe("Replied");
    expect(await widget.locator("section").first().getAttribute("data-theme")).toBe("dark");
    await screenshot(page, "widget-replied-en-dark");
    await page.close();
  });

  it("backs off while nothing changes and pauses while the page is hidden", async () => {
    const page = await phone.newPage();
    const polls: number[] = [];
    page.on("request", (r) => void (r.url().includes("/api/v1/widget/cases/") && polls.push(Date.now())));
    await page.goto(partnerUrl("127.0.0.1", { case: trackingNo, poll: "1" }));
    await page.locator(".wenzheng-widget [part=status]").waitFor();
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
        document.dispatchEvent(new Event("visibilitychange"));
      }, hidden);
    await setHidden(true);
    await sleep(2500); // the 1 s poll came and went without a request
    expect(polls).toHaveLength(1);
    await setHidden(false);
    await expect.poll(() => polls.length, { timeout: 2000 }).toBe(2); // at once on return
    await sleep(7500);
    // Unchanged data: the gaps double (2 s, then 4 s) instead of a poll every second.
    const gaps = polls.slice(1).map((t, i) => t - (polls[i] ?? t));
    expect(polls).toHaveLength(4);
    expect(gaps[1] ?? 0).toBeGreaterThan(1500);
    expect(gaps[2] ?? 0).toBeGreaterThan(1.5 * (gaps[1] ?? 0));
    await page.close();
  });

  it("is served as esbuild compiled it, with no bundler helper from outside the function", async () => {
    const res = await http("/widget.js");
    const script = await res.text();
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script).not.toMatch(/\b__[A-Za-z]\w*\b|\bimport\b|\brequire\(/);
    const { gzipSync } = await import("node:zlib");
    console.info(`widget.js: ${script.length} bytes, ${gzipSync(script).length} gzipped`);
    expect(gzipSync(script).length).toBeLessThan(10 * 1024);
  });
});

describe("the scoreboard on a partner site", () => {
  it("shows the housing bureau's month from the rankings, as script and as iframe", async () => {
    // The routed case counts as an assignment for this month once the evaluation consumer has it.
    await waitFor(
      "the housing bureau in this month's rankings",
      async () =>
        ((await (await http("/api/v1/rankings?kind=department")).json()) as { units: { unitId: string }[] }).units.map(
          (u) => u.unitId,
        ),
      (ids) => ids.includes("pl-housing"),
      30_000,
    );
    const page = await phone.newPage();
    const complaints = policyComplaints(page);
    await page.goto(partnerUrl("127.0.0.1", { case: trackingNo }));
    const board = page.locator(".wenzheng-scoreboard");
    await expect
      .poll(() => board.locator("[part=unit]").textContent(), { timeout: 15_000 })
      .toBe("平凉市住房和城乡建设局");
    expect(await board.locator("[part=sample]").textContent()).toMatch(/^\d+ 件（交办）$/);
    expect(await board.locator("[part=response-rate]").textContent()).toMatch(/^(\d{1,3}\.\d%|—)$/);
    expect(await board.locator("[part=satisfaction-rate]").textContent()).toMatch(/^(\d{1,3}\.\d%|—)$/);
    expect(await board.locator("[part=rank]").textContent()).toBe("样本不足，不参与排名"); // one or two cases: below the minimum sample
    expect(await board.locator("[part=period]").textContent()).toMatch(/^\d{4}年\d{1,2}月$/);
    const frame = page.frameLocator(SCOREBOARD_FRAME);
    await page.locator(SCOREBOARD_FRAME).scrollIntoViewIfNeeded();
    await expect
      .poll(() => frame.locator("[part=unit]").textContent(), { timeout: 15_000 })
      .toBe("平凉市住房和城乡建设局");
    expect(await frame.locator("[part=sample]").textContent()).toBe(await board.locator("[part=sample]").textContent());
    expect(complaints).toEqual([]);
    await board.scrollIntoViewIfNeeded();
    await screenshot(page, "partner-scoreboard");

    await page.goto(partnerUrl("127.0.0.1", { case: trackingNo, lang: "en", theme: "dark" }));
    await expect
      .poll(() => board.locator("[part=rank]").textContent(), { timeout: 15_000 })
      .toBe("Too few cases to be ranked");
    await board.scrollIntoViewIfNeeded();
    await screenshot(page, "partner-scoreboard-en-dark");
    await page.close();
  });
});

describe("accessibility (axe-core)", () => {
  it("finds no serious or critical violation on the form, the board, a case page and the widgets", async () => {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const found: Record<string, unknown> = {};
    for (const [name, url] of [
      ["form", `${platform}/submit`],
      ["board", `${platform}/`],
      ["case-page", `${platform}/cases/${trackingNo}`],
      ["widget-iframe", `${platform}/widget/cases/${trackingNo}`],
      ["scoreboard-iframe", `${platform}/widget/scoreboard/department/pl-housing`],
      ["partner", partnerUrl("127.0.0.1", { case: trackingNo })],
    ] as const) {
      await page.goto(url);
      if (name === "partner")
        await Promise.all([
          page.locator(".wenzheng-widget [part=status]").waitFor(),
          page.locator(".wenzheng-scoreboard [part=unit]").waitFor(),
        ]);
      await screenshot(page, `axe-${name}`);
      const violations = await axeViolations(page);
      console.info(`axe ${name}: ${violations.map((v) => `${v.id} (${v.impact})`).join(", ") || "no violations"}`);
      const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      if (serious.length > 0) found[name] = serious;
    }
    await context.close();
    expect(found).toEqual({});
  });
});
