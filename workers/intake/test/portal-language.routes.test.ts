import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshIp } from "./fixtures";
import { caseThrough, page, replySteps } from "./portal-fixtures";

describe("the portal in English", () => {
  it("serves every portal page in zh-CN by default and in English with ?lang=en, with a switch keeping the path and query", async () => {
    const c = await caseThrough(replySteps);
    const paths: [string, string][] = [
      ["/", "Ask the city government, online"],
      ["/board?month=2026-01", "Public message board"],
      ["/submit", "Write a message"],
      ["/lookup", "Track your message"],
      [`/cases/${c.trackingNo}`, "Assigned to a department"],
      [`/cases/${c.trackingNo}/verify`, "Verify the history of case"],
      ["/departments", "Response rate"],
      ["/departments/pl-housing", "The three rates"],
      ["/spokespeople", "Spokespeople"],
      ["/notices", "Public notices of overdue cases"],
    ];
    for (const [path, english] of paths) {
      const zh = await page(path);
      expect(zh.html, path).toContain('<html lang="zh-CN">');
      const switchTo = `${path}${path.includes("?") ? "&amp;" : "?"}lang=en`;
      expect(zh.html, path).toContain(`<a class="lang" href="${switchTo}" lang="en" hreflang="en">English</a>`);
      const en = await page(`${path}${path.includes("?") ? "&" : "?"}lang=en`);
      expect(en.status, path).toBe(200);
      expect(en.html, path).toContain('<html lang="en">');
      expect(en.html, path).toContain(english);
      expect(en.html, path).toContain(
        `<a class="lang" href="${path.replace("&", "&amp;")}" lang="zh-CN" hreflang="zh-CN">中文</a>`,
      );
      expect(en.html, path).toContain('href="/board?lang=en"');
    }
    // Departments by their English names; what people wrote stays as written, marked as Chinese.
    const casePage = await page(`/cases/${c.trackingNo}?lang=en`);
    expect(casePage.html).toContain(
      'Spokesperson <span lang="zh-CN">王建国</span> (<span lang="zh-CN">市住建局副局长、网络发言人</span>), Pingliang Housing and Urban-Rural Development Bureau',
    );
    expect(casePage.html).toContain("Assigned to a department: Pingliang Housing and Urban-Rural Development Bureau");
    expect(casePage.html).toContain(
      '3 more working days asked; Reason: <span lang="zh-CN">需协调供电公司，联系电话139****2222</span>',
    );
  });

  it("keeps the language through a form: the answer page of /submit and /lookup is in English", async () => {
    const form = await page("/submit?lang=en");
    expect(form.html).toContain('action="/submit?lang=en"');
    const post = (path: string, fields: Record<string, string>) =>
      exports.default.fetch(`http://intake.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
        body: new URLSearchParams(fields).toString(),
      });
    const fields = {
      type: "consult",
      title: "灵台县医保报销咨询",
      body: "请问异地就医的医保报销需要哪些材料？",
      regionCode: "620822",
      phone: "13811113333",
      isPublic: "true",
    };
    const bad = await post("/submit?lang=en", { ...fields, title: "短", formToken: crypto.randomUUID() });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<html lang="en">');
    expect(badHtml).toContain("The title needs 5–100 characters.");
    expect(badHtml).toContain('href="#title"');
    const receipt = await post("/submit?lang=en", { ...fields, formToken: crypto.randomUUID() });
    const receiptHtml = await receipt.text();
    expect(receipt.status).toBe(200);
    expect(receiptHtml).toContain("Message submitted");
    expect(receiptHtml).toContain('data-testid="query-code">');
    const trackingNo = /data-testid="tracking-no">([0-9A-Z-]+)</.exec(receiptHtml)?.[1] ?? "";
    const lookup = await post("/lookup?lang=en", { trackingNo, queryCode: "ZZZZZZZZ" });
    expect(await lookup.text()).toContain("The case number or the query code is wrong.");
    expect((await page("/lookup?lang=en")).html).toContain('action="/lookup?lang=en"');
  });
});
