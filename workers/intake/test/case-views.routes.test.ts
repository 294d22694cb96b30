import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectEnvelope, json, postCase, projected } from "./cases-fixtures";
import { acceptCase, SUBMISSION, uniqueKey } from "./fixtures";

describe("GET /api/v1/cases/{trackingNo}", () => {
  async function create(overrides: Record<string, unknown>) {
    const res = await postCase(json({ ...SUBMISSION, ...overrides }), { key: uniqueKey() });
    const receipt = (await res.json()) as { trackingNo: string; queryCode: string };
    await projected(receipt.trackingNo);
    await acceptCase(receipt.trackingNo);
    return receipt;
  }

  it("shows the public view without personal data and masks numbers typed into the text", async () => {
    const { trackingNo, queryCode } = await create({
      body: "联系我13987654321，身份证620802199001011231，<b>路灯</b>不亮",
      email: "citizen@example.com",
    });
    const res = await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const view = JSON.parse(text) as Record<string, unknown>;
    expect(view).toMatchObject({
      trackingNo,
      type: "complaint",
      status: "accepted",
      regionCode: "620802",
      department: null,
      reply: null,
    });
    expect(view.submittedAt).toMatch(/\+08:00$/);
    expect(view.body).toContain("139****4321");
    for (const secret of ["13987654321", "13912345678", "王先生", "citizen@example.com", "199001011231", queryCode])
      expect(text).not.toContain(secret);
    expect(view).not.toHaveProperty("petitioner");
  });

  it("shows the citizen's own view with the query code, and refuses a wrong one", async () => {
    const { trackingNo, queryCode } = await create({ isPublic: false });
    const pub = (await (await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`)).json()) as Record<
      string,
      unknown
    >;
    expect(pub).not.toHaveProperty("title");
    const pubHeaders = (await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`)).headers;
    expect(pubHeaders.get("vary")).toContain("X-Query-Code");
    expect(pub).not.toHaveProperty("body");

    const own = await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`, {
      headers: { "x-query-code": queryCode.toLowerCase() },
    });
    expect(own.status).toBe(200);
    // Contact data: never kept by a cache, and never served from the public view's cache entry.
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(own.headers.get("vary")).toContain("X-Query-Code");
    expect(await own.json()).toMatchObject({
      title: SUBMISSION.title,
      petitioner: { phone: SUBMISSION.phone, name: "王先生" },
    });

    const wrong = await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`, {
      headers: { "x-query-code": "AAAAAAAA" },
    });
    await expectEnvelope(wrong, 403, "query_code_invalid");
  });

  it("answers an unknown or mistyped tracking number with 404", async () => {
    await expectEnvelope(
      await exports.default.fetch("http://intake.test/api/v1/cases/0000000000000"),
      404,
      "not_found",
    );
    await expectEnvelope(await exports.default.fetch("http://intake.test/api/v1/cases/ABCDEFGHJKMN"), 404, "not_found");
  });
});
