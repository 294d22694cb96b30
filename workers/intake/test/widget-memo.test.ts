import { describe, expect, it } from "vitest";
import { answerFromMemo, keepInMemo, widgetJsonKey } from "../src/widget/widget-memo";

const fresh = () =>
  new Response('{"status":"assigned"}', {
    headers: {
      "content-type": "application/json",
      etag: '"abc"',
      "access-control-allow-origin": "*",
      "cache-control": "public, max-age=15",
    },
  });

describe("the widget JSON kept in the isolate", () => {
  it("answers the same headers and body for 5 s, a 304 to a matching If-None-Match, then nothing", async () => {
    const key = `/api/v1/widget/cases/MEMO${crypto.randomUUID()}`;
    const now = 1_000_000;
    expect(await (await keepInMemo(key, fresh(), now)).text()).toBe('{"status":"assigned"}');
    const hit = answerFromMemo(key, null, now + 4_999);
    expect(hit?.status).toBe(200);
    expect(await hit?.text()).toBe('{"status":"assigned"}');
    expect(hit?.headers.get("access-control-allow-origin")).toBe("*");
    const unchanged = answerFromMemo(key, 'W/"abc"', now + 1_000);
    expect(unchanged?.status).toBe(304);
    expect(unchanged?.headers.get("etag")).toBe('"abc"');
    expect(answerFromMemo(key, '"other"', now + 1_000)?.status).toBe(200);
    expect(answerFromMemo(key, null, now + 5_000)).toBeNull();
  });

  it("keeps nothing but a 200", async () => {
    const key = `/api/v1/widget/cases/MEMO${crypto.randomUUID()}`;
    const missing = new Response('{"error":{}}', { status: 404 });
    expect((await keepInMemo(key, missing)).status).toBe(404);
    expect(answerFromMemo(key, null)).toBeNull();
  });
});

describe("which requests are widget JSON", () => {
  it("takes path and query of GET /api/v1/widget/cases/{no} only", () => {
    expect(widgetJsonKey(new Request("https://wz.example/api/v1/widget/cases/ABC123?lang=en"))).toBe(
      "/api/v1/widget/cases/ABC123?lang=en",
    );
    expect(widgetJsonKey(new Request("http://localhost:8787/api/v1/widget/cases/ABC123"))).toBe(
      "/api/v1/widget/cases/ABC123",
    );
    expect(
      widgetJsonKey(new Request("https://wz.example/api/v1/widget/cases/ABC123", { method: "OPTIONS" })),
    ).toBeNull();
    expect(widgetJsonKey(new Request("https://wz.example/api/v1/widget/cases/ABC123/x"))).toBeNull();
    expect(widgetJsonKey(new Request("https://wz.example/api/v1/cases/ABC123"))).toBeNull();
  });
});
