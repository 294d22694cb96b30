import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetFrameOrigins } from "../src/widget/widget-origins";
import { get, insertCase } from "./widget-fixtures";

describe("GET /widget.js", () => {
  it("serves the self-contained client as cacheable JavaScript under 10 KB gzipped", async () => {
    const res = await get("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const tag = res.headers.get("etag") ?? "";
    expect(tag).toMatch(/^"[^"]+"$/);
    const script = await res.text();
    expect((await get("/widget.js", { "If-None-Match": tag })).status).toBe(304);

    // Self-contained: no module syntax and no bundler helpers (__name, __spreadValues, …) from outside.
    expect(script).not.toMatch(/\bimport\b|\brequire\(|\b__[A-Za-z]\w*\b/);
    // Inert by construction: text goes in through textContent only.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    expect(script).toContain("attachShadow");
    expect(() => new Function(script)).not.toThrow(); // parses as a classic script

    const gzipped = await new Response(
      new Blob([script]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer();
    expect(gzipped.byteLength).toBeLessThan(10 * 1024);
  });

  it("serves the widget stylesheet for the iframe page", async () => {
    const res = await get("/widget/widget.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await res.text()).toContain(".wz");
  });
});

describe("GET /widget/cases/{trackingNo} (the iframe widget)", () => {
  beforeEach(async () => {
    await env.DB.prepare("DELETE FROM widget_origins").run();
    forgetFrameOrigins();
  });

  const frameAncestors = (res: Response) =>
    /frame-ancestors ([^;]+)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

  it("may be framed only by the origins in widget_origins, 'none' without any, re-read after a minute", async () => {
    const trackingNo = await insertCase();
    const none = await get(`/widget/cases/${trackingNo}`);
    expect(none.status).toBe(200);
    expect(frameAncestors(none)).toBe("'none'");
    expect(none.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(none.headers.get("x-frame-options")).toBeNull();

    await env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES ('https://news.example.cn', '平凉日报', '2026-01-01'), ('http://localhost:8790', '本地演示', '2026-01-01')",
    ).run();
    expect(frameAncestors(await get(`/widget/cases/${trackingNo}`))).toBe("'none'"); // still the cached list
    forgetFrameOrigins(); // as when the minute is up
    const listed = frameAncestors(await get(`/widget/cases/${trackingNo}`))
      ?.split(" ")
      .sort();
    expect(listed).toEqual(["http://localhost:8790", "https://news.example.cn"]);
  });

  it("never puts a malformed stored origin into the policy", async () => {
    await env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES ('https://ok.example.cn', 'ok', '2026-01-01'), ('https://x.example; script-src *', 'bad', '2026-01-01'), ('https://y.example/path', 'bad', '2026-01-01')",
    ).run();
    expect(frameAncestors(await get(`/widget/cases/${await insertCase()}`))).toBe("https://ok.example.cn");
  });

  it("renders in English and in the dark theme on request, and ignores anything else in the query", async () => {
    const trackingNo = await insertCase({ dueAt: new Date(Date.now() - 86400_000).toISOString() });
    const en = await (await get(`/widget/cases/${trackingNo}?lang=en&theme=dark`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('data-theme="dark"');
    expect(en).toContain("Overdue");
    const odd = await (
      await get(`/widget/cases/${trackingNo}?lang=%22%3E%3Cscript%3E&theme=%22%3E%3Cscript%3E`)
    ).text();
    expect(odd).toContain('<html lang="zh-CN">');
    expect(odd).toContain('data-theme="auto"');
    expect(odd).toContain("已超期");
    expect(odd).not.toMatch(/<script/i);
  });

  it("answers an unknown case with a 404 page that names no number", async () => {
    const res = await get("/widget/cases/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("没有找到这条留言");
    expect(html).not.toMatch(/<script|alert\(1\)/i);
  });
});
