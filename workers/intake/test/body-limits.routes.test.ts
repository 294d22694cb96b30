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
        "/api/v1/import/cases",
        "/api/v1/import/finish",
      ]),
    );
  });

  it.each(writes)("POST %s refuses a body over its limit, before reading it as anything", async (path) => {
    // Delivery reports (a provider batches them) and import batches take up to 1 MB; everything else 64 KB.
    const size = path.includes("/reports/") || path.endsWith("/import/cases") ? 1024 * 1024 + 1 : MAX_BODY_BYTES + 1;
    const res = await app.request(
      `http://intake.test${concrete(path)}`,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "cf-connecting-ip": "10.200.0.1",
          "x-demo-token": "t", // the local demo seed's, past its 404
          authorization: `Bearer ${"t".repeat(20)}`, // the import's, past its 404 and 401
        },
        body: `a=${"x".repeat(size)}`,
      },
      { ...env, DEMO_SEED_TOKEN: "t", NOTIFY_RECEIPT_TOKEN: "t".repeat(20), IMPORT_TOKEN: "t".repeat(20) },
    );
    expect(res.status, path).toBe(413);
  });
});
