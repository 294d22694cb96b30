import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../../shared/http/body-limit";
import { app } from "../src/app";

/** Forwarded to the assignment and evaluation Workers, which limit their own (their tests walk them). */
const FORWARDED = /^\/(console|reports|api\/v1\/rankings)/;

/** Every route that takes a body, as registered: a route added later is walked too. */
const writes = [
  ...new Set(
    app.routes
      // "ALL" on a wildcard is middleware (use), not a route.
      .filter(
        (r) => ["POST", "PUT", "PATCH", "ALL"].includes(r.method) && !FORWARDED.test(r.path) && !r.path.endsWith("*"),
      )
      .map((r) => r.path),
  ),
];
const concrete = (path: string) =>
  path
    .replace(":trackingNo", "ABCDEFGHJKMN")
    .replace(":provider", "aliyun")
    .replace(":token", "t".repeat(20))
    .replace(/:\w+/g, "x");

describe("body limits", () => {
  it("walks every route that takes a body", () => {
    expect(writes).toEqual(
      expect.arrayContaining([
        "/api/v1/cases",
        "/api/v1/cases/:trackingNo/rating",
        "/api/v1/cases/:trackingNo/redo",
        "/submit",
        "/lookup",
        "/notifications/unsubscribe",
        "/api/v1/notifications/reports/:provider/:token",
        "/__demo/seed",
      ]),
    );
  });

  it.each(writes)("POST %s refuses a body over its limit, before reading it as anything", async (path) => {
    // The delivery reports take up to 1 MB (a provider batches them); everything else 64 KB.
    const size = path.includes("/reports/") ? 1024 * 1024 + 1 : MAX_BODY_BYTES + 1;
    const res = await app.request(
      `http://intake.test${concrete(path)}`,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "cf-connecting-ip": "10.200.0.1",
          "x-demo-token": "t", // the local demo seed's, past its 404
        },
        body: `a=${"x".repeat(size)}`,
      },
      { ...env, DEMO_SEED_TOKEN: "t", NOTIFY_RECEIPT_TOKEN: "t".repeat(20) },
    );
    expect(res.status, path).toBe(413);
  });
});
