import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConsoleClient } from "./console";
import { caseAt, overdueCase } from "./helpers";

const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://console.test${path}`, { headers, redirect: "manual" });

/** The count shown on the tab that links to `#id`. */
function tabCount(html: string, id: string): number | undefined {
  const m = new RegExp(`<a href="#${id}">[^<]*<span class="count[^"]*">(\\d+)</span>`).exec(html);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

describe("the console's own stylesheet", () => {
  it("is public (the sign-in page uses it), cacheable with an ETag, and styles sticky headers and focus", async () => {
    const res = await get("/console/assets/console.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    const tag = res.headers.get("etag") ?? "";
    expect(tag).toMatch(/^"[^"]+"$/);
    const css = await res.text();
    expect(css).toMatch(/thead th \{ position: sticky; top: 0;/);
    expect(css).toContain(":focus-visible");
    expect(css).toMatch(/th\.num, td\.num \{ text-align: right;/);
    expect((await get("/console/assets/console.css", { "If-None-Match": tag })).status).toBe(304);
  });

  it("is linked from every console page, which keep frame-ancestors 'none', a skip link and no accesskey", async () => {
    const login = await get("/console/login");
    expect(login.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const html = await login.text();
    expect(html).toContain('<link rel="stylesheet" href="/console/assets/console.css"/>');
    expect(html).toMatch(/<a class="skip" href="#main">跳到主要内容<\/a>/);
    expect(html).toContain('<main id="main" tabindex="-1">');

    const dispatcher = await ConsoleClient.signIn("dispatcher");
    for (const path of ["/console/dispatch", "/console/overdue", "/console/notifications", "/console/leader"]) {
      const res = await dispatcher.get(path);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      const page = await res.text();
      expect(page, path).toContain("/console/assets/console.css");
      expect(page, path).not.toMatch(/accesskey/i);
    }
  });
});

describe("the work queues at a glance", () => {
  it("the inbox splits cases by urgency, counts each tab, marks its nav tab, and right-aligns the deadlines", async () => {
    const late = await overdueCase("pl-ecology");
    const fresh = await caseAt("assigned", "pl-ecology");
    const handler = await ConsoleClient.signIn("pl-ecology-handler");
    const html = await (await handler.get("/console/inbox")).text();
    expect(html).toContain('<a href="/console/inbox" aria-current="page">本单位待办</a>');
    const overdue = tabCount(html, "overdue") ?? 0;
    const onTime = tabCount(html, "on-time") ?? 0;
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(onTime).toBeGreaterThanOrEqual(1);
    // Each case sits in the list its deadline puts it in.
    const section = (id: string) =>
      html.slice(
        html.indexOf(`<section class="card" id="${id}"`),
        html.indexOf("</section>", html.indexOf(`id="${id}"`)),
      );
    expect(section("overdue")).toContain(late.trackingNo.slice(0, 4));
    expect(section("on-time")).toContain(fresh.trackingNo.slice(0, 4));
    expect(section("overdue")).toMatch(/<span class="count late">\d+<\/span>/);
    // The deadline column: right-aligned, the relative time and the date itself.
    expect(html).toContain('<th scope="col" class="num">期限</th>');
    expect(section("overdue")).toMatch(
      /<td class="num"><span class="clock late" title="[^"]+">超期 \d+ 天<\/span><time datetime="2026-03-[^"]+\+08:00">03-\d\d \d\d:\d\d<\/time><\/td>/,
    );
    expect(section("overdue")).toMatch(/<tr class="due-late">/);
    expect(section("overdue")).toContain('<span class="status assigned">已交办</span>'); // the status named, not only coloured
  });

  it("the overdue board counts each department's run, the late and the nearly late on its tabs", async () => {
    const { trackingNo } = await overdueCase("pl-commerce");
    const supervisor = await ConsoleClient.signIn("supervisor");
    const html = await (await supervisor.get("/console/overdue?department=pl-commerce")).text();
    expect(html).toContain('aria-current="page">超期督办</a>');
    expect(html).toContain("超期督办 · 平凉市商务局");
    expect(tabCount(html, "runs")).toBeGreaterThanOrEqual(1);
    expect(tabCount(html, "late")).toBeGreaterThanOrEqual(1);
    expect(tabCount(html, "soon")).toBe(0);
    const late = html.slice(html.indexOf('id="late"'), html.indexOf('id="soon"'));
    expect(late).toContain(trackingNo.slice(0, 4));
  });

  it("the dispatcher's queue counts every list on its tab", async () => {
    await caseAt("returned", "pl-housing");
    const dispatcher = await ConsoleClient.signIn("dispatcher");
    const html = await (await dispatcher.get("/console/dispatch")).text();
    for (const id of ["held", "submitted", "unrouted", "returned", "extensions", "reopened"])
      expect(tabCount(html, id), id).toBeTypeOf("number");
    expect(tabCount(html, "returned")).toBeGreaterThanOrEqual(1);
    expect(html).toContain('<section class="card" id="returned" aria-labelledby="returned-title">');
  });
});
