import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { d1, http, startPlatform, stopPlatform } from "../e2e/platform";
import { axeViolations, launchChromium, screenshot } from "./browser";

// The citizen portal on a phone (390 px): every page free of serious accessibility problems and of
// sideways scrolling, and the board, its filters, its pages and the language switch without script.

let browser: Browser;
let phone: BrowserContext;
let platform = "";
let trackingNo = "";

beforeAll(async () => {
  await startPlatform();
  platform = new URL((await http("/api/v1/meta")).url).origin;
  // Forty demo cases (acknowledged, returned, replied), through their durable objects like live traffic.
  const seeded = await http("/__demo/seed", {
    method: "POST",
    headers: { "content-type": "application/json", "x-demo-token": "e2e-token" },
    body: JSON.stringify({ from: 125, count: 40 }),
  });
  expect(seeded.status).toBe(200);
  browser = await launchChromium();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", bypassCSP: true });
  for (let i = 0; i < 40 && !trackingNo; i++) {
    const [row] = await d1<{ tracking_no: string }>(
      "SELECT tracking_no FROM cases WHERE is_public = 1 AND status NOT IN ('submitted', 'held', 'rejected', 'merged') ORDER BY reply_text IS NULL, submitted_at DESC LIMIT 1",
    );
    trackingNo = row?.tracking_no ?? "";
    if (!trackingNo) await new Promise((r) => setTimeout(r, 500));
  }
  expect(trackingNo).not.toBe("");
});

afterAll(async () => {
  await browser?.close();
  await stopPlatform();
});

describe("the portal at 390 px (axe-core)", () => {
  it("finds no serious or critical violation and no sideways scrolling on any portal page, in both languages", async () => {
    const page = await phone.newPage();
    const found: Record<string, unknown> = {};
    const paths: [string, string][] = [
      ["home", "/"],
      ["board", "/board"],
      ["board-search", `/board?q=${encodeURIComponent("路灯")}&state=replied`],
      ["board-error", "/board?month=2026-13&type=x"],
      ["departments", "/departments"],
      ["department", "/departments/pl-housing"],
      ["case", `/cases/${trackingNo}`],
      ["verify", `/cases/${trackingNo}/verify`],
      ["lookup", "/lookup"],
      ["spokespeople", "/spokespeople"],
      ["notices", "/notices"],
      ["home-en", "/?lang=en"],
      ["board-en", "/board?lang=en"],
      ["case-en", `/cases/${trackingNo}?lang=en`],
      ["submit-en", "/submit?lang=en"],
    ];
    for (const [name, path] of paths) {
      await page.goto(`${platform}${path}`);
      await screenshot(page, `portal-${name}`);
      const violations = await axeViolations(page);
      console.info(`axe ${name}: ${violations.map((v) => `${v.id} (${v.impact})`).join(", ") || "no violations"}`);
      const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      if (serious.length > 0) found[name] = serious;
      // Wider than the phone: name the elements that stick out.
      const wide = await page.evaluate(() => {
        if (document.documentElement.scrollWidth <= 390) return null;
        return Array.from(document.querySelectorAll("body *"))
          .filter((e) => e.getBoundingClientRect().right > 390)
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className}`);
      });
      if (wide) found[`${name}-width`] = wide;
    }
    await page.close();
    expect(found).toEqual({});
  });
});

describe("the board without JavaScript", () => {
  it("filters with the GET form, pages with its links and switches language keeping the filters", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    // The demo seed ticks its cases once, so older replies are closed by now: filter by a state there is.
    const [row] = await d1<{ status: string }>(
      "SELECT status FROM cases WHERE is_public = 1 AND status IN ('replied', 'closed') GROUP BY status ORDER BY count(*) DESC LIMIT 1",
    );
    const state = row?.status ?? "closed";
    await page.goto(`${platform}/board`);
    await page.selectOption("#f-state", state);
    await Promise.all([
      page.waitForURL(new RegExp(`state=${state}`)),
      page.click("form[role=search] button[type=submit]"),
    ]);
    const statuses = await page.locator("ul.cases .status").allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([state === "closed" ? "已办结" : "已答复"]));
    await Promise.all([page.waitForURL(/lang=en/), page.click("a.lang")]);
    expect(page.url()).toContain(`state=${state}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#f-state").inputValue()).toBe(state);
    await screenshot(page, "portal-board-nojs-en");
    await context.close();
  });
});
