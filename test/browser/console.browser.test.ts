import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { d1, http, startPlatform, stopPlatform, waitFor } from "../e2e/platform";
import { type AxeViolation, axeViolations, enterSecondFactor, launchChromium, screenshot } from "./browser";

// The staff console in a real browser, by its forms and the keyboard: the dispatcher assigns a
// fresh case from the dispatch queue, the housing bureau's handler acknowledges it and drafts the
// reply, its spokesperson publishes it; then the citizen opens the case with the query code and
// rates it. axe-core looks at the inbox and the case desk on the way.

let browser: Browser;
let platform = "";
let trackingNo = "";
let queryCode = "";
const contexts: BrowserContext[] = [];
const axeFound: Record<string, AxeViolation[]> = {};
const REPLY = "经核实，该小区门口的破损路面已列入本月维修计划，施工单位将于十个工作日内完成修复。感谢您的监督。";

const grouped = (no: string) => no.replace(/(.{4})(?=.)/g, "$1-");

beforeAll(async () => {
  await startPlatform();
  platform = new URL((await http("/api/v1/meta")).url).origin;
  browser = await launchChromium();
  // No category and words the classifier cannot place with confidence: it waits in 待交办.
  const res = await http("/api/v1/cases", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `browser-console-${Date.now()}` },
    body: JSON.stringify({
      type: "complaint",
      title: "关于小区门口问题",
      body: "小区门口的问题希望有关部门关注一下，尽快给个说法。",
      regionCode: "620802",
      phone: "13822223333",
      name: "刘女士",
      isPublic: true,
    }),
  });
  expect(res.status).toBe(201);
  ({ trackingNo, queryCode } = (await res.json()) as { trackingNo: string; queryCode: string });
  await waitFor(
    "screening to leave the case for the dispatcher",
    async () =>
      (
        await d1<{ status: string; department_id: string | null }>(
          `SELECT status, department_id FROM cases WHERE tracking_no = '${trackingNo}'`,
        )
      )[0],
    (row) => row?.status === "accepted" && row.department_id === null,
    30_000,
  );
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stopPlatform();
});

/** A fresh browser profile for one staff member (axe needs the CSP bypassed to inject itself). */
async function staffPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    bypassCSP: true,
  });
  contexts.push(context);
  return context.newPage();
}

/**
 * Signs in through the form, submitting with Enter from the password field; the dispatcher and the
 * admin then type the code their authenticator app shows (the demo accounts' secret).
 */
async function signIn(page: Page, username: string, landing: RegExp): Promise<void> {
  await page.goto(`${platform}/console/login`);
  await page.fill("#username", username);
  await page.fill("#password", "pingliang-demo");
  await Promise.all([page.waitForURL((u) => u.pathname !== "/console/login"), page.press("#password", "Enter")]);
  if (new URL(page.url()).pathname === "/console/verify") {
    if (!axeFound["console-verify"]) await axe(page, "console-verify");
    await enterSecondFactor(page);
  }
  await page.waitForURL(landing);
}

/** Keyboard check: the first Tab lands on the skip link, and following it moves focus into <main>. */
async function skipLinkWorks(page: Page): Promise<void> {
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
}

async function axe(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  console.info(
    `axe ${name}: ${violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(", ") || "no violations"}`,
  );
  axeFound[name] = violations;
}

async function statusOf(no: string): Promise<string | undefined> {
  return (await d1<{ status: string }>(`SELECT status FROM cases WHERE tracking_no = '${no}'`))[0]?.status;
}

describe("the staff console, by hand", () => {
  it("the dispatcher assigns the case from the dispatch queue", async () => {
    const page = await staffPage();
    await page.goto(`${platform}/console/login`);
    await screenshot(page, "console-login");
    await signIn(page, "dispatcher", /\/console\/dispatch$/);
    await skipLinkWorks(page);
    const row = page.locator("#unrouted").getByRole("link", { name: grouped(trackingNo) });
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, "console-dispatch");
    await Promise.all([page.waitForURL(`**/console/cases/${trackingNo}`), row.click()]);
    await screenshot(page, "console-case-dispatcher");

    await page.selectOption("#assign-dept", "pl-housing");
    await page.fill("#assign-note", "请住建局核实处理并答复。");
    await Promise.all([page.waitForURL(/\?done=assign$/), page.press("#assign-note", "Enter")]);
    expect(await page.getByRole("status").textContent()).toContain("操作已完成");
    await screenshot(page, "console-assigned");
    await expect.poll(() => statusOf(trackingNo), { timeout: 15_000 }).toBe("assigned");
  });

  it("the handler acknowledges it from the inbox and drafts the reply", async () => {
    const page = await staffPage();
    await signIn(page, "pl-housing-handler", /\/console\/inbox$/);
    await expect
      .poll(
        async () => {
          await page.reload();
          return await page.locator("main").textContent();
        },
        { timeout: 15_000 },
      )
      .toContain(grouped(trackingNo));
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe("本单位待办");
    await screenshot(page, "console-inbox");
    await axe(page, "console-inbox");

    await Promise.all([
      page.waitForURL(`**/console/cases/${trackingNo}`),
      page.getByRole("link", { name: grouped(trackingNo) }).click(),
    ]);
    await screenshot(page, "console-case-handler");
    await axe(page, "console-case-desk");
    // 签收 by keyboard: focus the form's button and press Enter.
    await page.getByRole("button", { name: "签收", exact: true }).focus();
    await Promise.all([page.waitForURL(/\?done=acknowledge$/), page.keyboard.press("Enter")]);
    await expect.poll(() => statusOf(trackingNo), { timeout: 15_000 }).toBe("acknowledged");

    await page.fill("#reply-text", REPLY);
    await page.selectOption("#reply-outcome", "resolved");
    await page.fill("#reply-note", "已列入维修计划");
    await screenshot(page, "console-draft");
    await Promise.all([page.waitForURL(/\?done=draftReply$/), page.press("#reply-note", "Enter")]);
    expect(await page.locator("main").textContent()).toContain(REPLY);
    await screenshot(page, "console-drafted");
  });

  it("the spokesperson reviews the draft and publishes it", async () => {
    const page = await staffPage();
    await signIn(page, "pl-housing-spokesperson", /\/console\/review$/);
    await screenshot(page, "console-review");
    await Promise.all([
      page.waitForURL(`**/console/cases/${trackingNo}`),
      page.getByRole("link", { name: grouped(trackingNo) }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/\?done=publishReply$/),
      page.getByRole("button", { name: "审核并发布答复" }).click(),
    ]);
    await expect.poll(() => statusOf(trackingNo), { timeout: 15_000 }).toBe("replied");
    await page.reload();
    expect(await page.locator("main").textContent()).toContain("王建国");
    await screenshot(page, "console-published");
  });

  it("the citizen opens their case with the query code and rates the reply", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${platform}/lookup`);
    await page.fill("#trackingNo", grouped(trackingNo));
    await page.fill("#queryCode", queryCode);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/lookup") && r.request().method() === "POST"),
      page.press("#queryCode", "Enter"),
    ]);
    await page.waitForLoadState();
    const main = page.locator("main");
    expect(await main.textContent()).toContain(REPLY);
    expect(await main.textContent()).toContain("13822223333"); // their own contact data, for them alone
    await screenshot(page, "citizen-own-view");

    const form = page.locator('form[action*="/rating"]');
    await form.getByRole("radio", { name: "已解决", exact: true }).check();
    await form.getByRole("radio", { name: "满意", exact: true }).check();
    await screenshot(page, "citizen-rating");
    await form.locator("button[type=submit]").click();
    await expect
      .poll(
        async () =>
          (await d1<{ rating: string | null }>(`SELECT rating FROM cases WHERE tracking_no = '${trackingNo}'`))[0]
            ?.rating,
        { timeout: 15_000 },
      )
      .toBe("satisfied");
    await page.waitForLoadState();
    await screenshot(page, "citizen-rated");
  });

  it("the admin adds a department on the structure page and finds the change in the audit log", async () => {
    const page = await staffPage();
    await signIn(page, "admin", /\/console/);
    await page.goto(`${platform}/console/admin/structure`);
    await page.locator("#department summary").click();
    await page.fill("#department-id", "pl-emergency");
    await page.fill("#department-name", "平凉市应急管理局");
    await page.selectOption("#department-regionCode", "620800");
    await page.fill("#department-headName", "马建军");
    await Promise.all([page.waitForURL(/structure#department$/), page.press("#department-headName", "Enter")]);
    expect(await page.getByRole("row", { name: /pl-emergency/ }).textContent()).toContain("马建军");
    await screenshot(page, "console-structure");
    await axe(page, "console-structure");
    await page.goto(`${platform}/console/admin/audit`);
    expect(await page.getByTestId("audit-row").first().textContent()).toContain("department.create");
    await axe(page, "console-audit");
  });

  it("axe-core finds no serious or critical violation on the console pages it visited", () => {
    const serious = Object.fromEntries(
      Object.entries(axeFound).map(([page, v]) => [
        page,
        v.filter((x) => x.impact === "serious" || x.impact === "critical"),
      ]),
    );
    expect(Object.keys(axeFound).sort()).toEqual([
      "console-audit",
      "console-case-desk",
      "console-inbox",
      "console-structure",
      "console-verify",
    ]);
    expect(serious).toEqual({
      "console-audit": [],
      "console-case-desk": [],
      "console-inbox": [],
      "console-structure": [],
      "console-verify": [],
    });
  });
});
