import { describe, expect, it } from "vitest";
import { isPartnerOrigin, parsePartnerOrigin } from "./partner-origin";

describe("parsePartnerOrigin", () => {
  it.each([
    ["https://www.pingliang.gov.cn", "https://www.pingliang.gov.cn"],
    ["  HTTPS://News.Example.CN:443/ ", "https://news.example.cn"],
    ["https://news.example.cn:8443", "https://news.example.cn:8443"],
    ["https://例子.中国", "https://xn--fsqu00a.xn--fiqs8s"],
    ["http://localhost:8790", "http://localhost:8790"],
    ["http://127.0.0.1:8790", "http://127.0.0.1:8790"],
  ])("accepts %s as %s", (input, origin) => {
    expect(parsePartnerOrigin(input)).toEqual({ ok: true, origin });
    expect(isPartnerOrigin(origin)).toBe(true);
  });

  it.each([
    "news.example.cn",
    "http://news.example.cn",
    "ftp://news.example.cn",
    "javascript:alert(1)",
    "https://news.example.cn/widget",
    "https://news.example.cn/.",
    "https://news.example.cn?x=1",
    "https://news.example.cn#top",
    "https://user:pw@news.example.cn",
    "https://*.example.cn",
    "https://news.example.cn; script-src *",
    "*",
    "'self'",
    "",
  ])("refuses %s", (input) => {
    expect(parsePartnerOrigin(input).ok).toBe(false);
    expect(isPartnerOrigin(input)).toBe(false);
  });

  it("takes only the exact serialization as a stored value", () => {
    expect(isPartnerOrigin("https://News.example.cn")).toBe(false);
    expect(isPartnerOrigin("https://news.example.cn/")).toBe(false);
  });
});
