import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";
import { json, postCase, projected } from "./cases-fixtures";
import { SUBMISSION, uniqueKey } from "./fixtures";

/** Forwarded to the assignment and evaluation Workers, which set their own (the console: no-store). */
const FORWARDED = /^\/(console|reports|api\/v1\/rankings)/;
const reads = [
  ...new Set(
    app.routes.filter((r) => r.method === "GET" && !FORWARDED.test(r.path) && !r.path.endsWith("*")).map((r) => r.path),
  ),
];
const concrete = (path: string, trackingNo: string) =>
  path.replace(":trackingNo", trackingNo).replace(":file", "site.css").replace(/:\w+/g, "x");
const fetchAt = (path: string, init: RequestInit = {}) => exports.default.fetch(`http://intake.test${path}`, init);

/** Stored by no cache: `no-store`, and `Vary` where one URL answers two views. */
const expectNoStore = (res: Response, what: string) =>
  expect(res.headers.get("cache-control"), what).toMatch(/no-store/);

describe("caching of responses that may carry personal data", () => {
  it("every page and API read names its caching: public ones say so, everything else is no-store", async () => {
    const receipt = (await (await postCase(json(SUBMISSION), { key: uniqueKey("walk") })).json()) as {
      trackingNo: string;
    };
    await projected(receipt.trackingNo);
    expect(reads.length).toBeGreaterThan(15);
    for (const path of reads) {
      const res = await fetchAt(concrete(path, receipt.trackingNo));
      await res.body?.cancel();
      expect(res.headers.get("cache-control"), path).toMatch(/^(public|no-store|private, no-store)/);
    }
  });

  it("the citizen's own views, receipts, re-rendered forms and the local outbox are never stored", async () => {
    const created = await postCase(json({ ...SUBMISSION, email: "liu@example.cn" }), { key: uniqueKey("own") });
    expectNoStore(created, "the receipt (carries the query code)");
    const { trackingNo, queryCode } = (await created.json()) as { trackingNo: string; queryCode: string };
    await projected(trackingNo);

    const own = await fetchAt(`/api/v1/cases/${trackingNo}`, { headers: { "x-query-code": queryCode } });
    expectNoStore(own, "the citizen's JSON view");
    expect(own.headers.get("vary")).toMatch(/X-Query-Code/i);
    const lookup = await fetchAt("/lookup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ trackingNo, queryCode }).toString(),
    });
    expect(lookup.status).toBe(200);
    expect(await lookup.text()).toContain("liu@example.cn");
    expectNoStore(lookup, "the citizen's own page");
    const refusedRating = await fetchAt(`/api/v1/cases/${trackingNo}/rating`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-query-code": queryCode, "idempotency-key": uniqueKey("r") },
      body: json({ resolution: "solved", rating: "satisfied" }),
    });
    expect(refusedRating.status).toBe(409);
    expectNoStore(refusedRating, "an API error about the citizen's case");
    const formAgain = await fetchAt("/submit", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ title: "短", body: "太短", phone: "13800001111", name: "刘女士" }).toString(),
    });
    expect(formAgain.status).toBe(400);
    expectNoStore(formAgain, "the form re-rendered with what was typed");
    expectNoStore(await fetchAt("/__dev/outbox.json"), "the local outbox");
    expect(env.WENZHENG_ENV).toBe("local");
  });
});
