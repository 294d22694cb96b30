import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("API documentation", () => {
  it("serves an OpenAPI document generated from the schemas, and a reference page", async () => {
    const doc = (await (await exports.default.fetch("http://intake.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/cases",
        "/api/v1/cases/{trackingNo}",
        "/api/v1/meta",
        "/api/v1/webhooks/{id}/redeliver",
        "/api/v1/cases/{trackingNo}/support",
      ]),
    );
    expect(doc.components.schemas).toHaveProperty("CaseSubmission");
    const page = await exports.default.fetch("http://intake.test/api/v1/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("POST /api/v1/cases");
  });
});
