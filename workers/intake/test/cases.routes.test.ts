import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { caseIdFor } from "../../../shared/domain/ids";
import { acceptCase, freshIp, SUBMISSION, uniqueKey, waitFor } from "./fixtures";

const URL_CASES = "http://intake.test/api/v1/cases";

function postCase(
  body: BodyInit,
  opts: { key?: string; ip?: string; contentType?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/json",
    "cf-connecting-ip": opts.ip ?? freshIp(),
    ...opts.headers,
  };
  if (opts.key !== undefined) headers["idempotency-key"] = opts.key;
  return exports.default.fetch(URL_CASES, { method: "POST", headers, body });
}

const json = (v: unknown) => JSON.stringify(v);

/** Nothing was created: the durable object the key would name holds no case. */
async function expectNoCase(key: string, scope = "api") {
  expect(await caseRecordStub(env, caseIdFor(scope, key)).read()).toBeNull();
}

async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; issues?: { path: string }[] } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  return body.error;
}

async function projected(trackingNo: string) {
  return waitFor(() => env.DB.prepare("SELECT case_id FROM cases WHERE tracking_no = ?").bind(trackingNo).first());
}

describe("POST /api/v1/cases", () => {
  it("creates a case, replays the identical receipt, and refuses a reused key with another body", async () => {
    const key = uniqueKey();
    const first = await postCase(json(SUBMISSION), { key });
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as Record<string, string>;
    expect(receipt).toMatchObject({
      status: "submitted",
      trackingNo: expect.stringMatching(/^[0-9A-Z]{12}$/),
      queryCode: expect.stringMatching(/^[0-9A-Z]{8}$/),
    });
    expect(receipt.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const again = await postCase(json(SUBMISSION), { key });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(receipt);

    const other = await postCase(json({ ...SUBMISSION, title: "另外一件事情的标题" }), { key });
    await expectEnvelope(other, 422, "idempotency_conflict");
  });

  it("turns 100 concurrent submissions with one key into exactly one case", async () => {
    const key = uniqueKey("burst");
    const responses = await Promise.all(Array.from({ length: 100 }, () => postCase(json(SUBMISSION), { key })));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(99);
    expect(new Set(bodies).size).toBe(1);
    const { trackingNo } = JSON.parse(bodies[0] ?? "{}") as { trackingNo: string };
    await projected(trackingNo);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM case_events WHERE case_id = ?")
      .bind(caseIdFor("api", key))
      .first("n");
    expect(count).toBe(1);
  });

  const badInputs: [string, () => Promise<Response>, number, string, string?][] = [
    ["malformed JSON", () => postCase('{"type": "consult",', { key: "bad-json-0000000001" }), 400, "bad_request"],
    [
      "a wrong content type",
      () => postCase(json(SUBMISSION), { key: "bad-ctype-00000001", contentType: "text/plain" }),
      415,
      "unsupported_media_type",
    ],
    [
      "a mass-assigned status",
      () => postCase(json({ ...SUBMISSION, status: "closed" }), { key: "bad-status-0000001" }),
      400,
      "validation_failed",
      "",
    ],
    [
      "a mass-assigned department",
      () => postCase(json({ ...SUBMISSION, departmentId: "pl-housing" }), { key: "bad-dept-000000001" }),
      400,
      "validation_failed",
      "",
    ],
    [
      "an over-long title",
      () => postCase(json({ ...SUBMISSION, title: "长".repeat(101) }), { key: "bad-title-00000001" }),
      400,
      "validation_failed",
      "title",
    ],
    [
      "an over-long body",
      () => postCase(json({ ...SUBMISSION, body: "长".repeat(4001) }), { key: "bad-body-000000001" }),
      400,
      "validation_failed",
      "body",
    ],
    [
      "an unknown region",
      () => postCase(json({ ...SUBMISSION, regionCode: "110101" }), { key: "bad-region-0000001" }),
      400,
      "validation_failed",
      "regionCode",
    ],
    [
      "a bad phone number",
      () => postCase(json({ ...SUBMISSION, phone: "12345" }), { key: "bad-phone-00000001" }),
      400,
      "validation_failed",
      "phone",
    ],
    [
      "an unknown type",
      () => postCase(json({ ...SUBMISSION, type: "praise" }), { key: "bad-type-000000001" }),
      400,
      "validation_failed",
      "type",
    ],
    [
      "an unknown leader mailbox",
      () => postCase(json({ ...SUBMISSION, addressee: "governor" }), { key: "bad-addr-000000001" }),
      400,
      "validation_failed",
      "addressee",
    ],
    [
      "a body over 64 KB",
      () => postCase(json({ ...SUBMISSION, body: "x".repeat(70_000) }), { key: "bad-size-000000001" }),
      413,
      "payload_too_large",
    ],
  ];
  for (const [what, send, status, code, path] of badInputs) {
    it(`answers ${what} with ${status} ${code} and creates nothing`, async () => {
      const error = await expectEnvelope(await send(), status, code);
      if (path) expect(error.issues?.map((i) => i.path)).toContain(path);
      if (path === "") expect(error.issues?.length).toBeGreaterThan(0);
    });
  }

  it("creates nothing for any of the bad inputs above", async () => {
    for (const key of [
      "bad-json-0000000001",
      "bad-status-0000001",
      "bad-dept-000000001",
      "bad-region-0000001",
      "bad-phone-00000001",
      "bad-size-000000001",
    ]) {
      await expectNoCase(key);
    }
  });

  it("refuses an oversized chunked body and one whose Content-Length lies", async () => {
    const big = new TextEncoder().encode(json({ ...SUBMISSION, body: "y".repeat(80_000) }));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.slice(i, i + 8192));
        controller.close();
      },
    });
    await expectEnvelope(await postCase(chunked, { key: "chunked-0000000001" }), 413, "payload_too_large");
    const lying = new Request(URL_CASES, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": "200",
        "idempotency-key": "lying-len-00000001",
        "cf-connecting-ip": freshIp(),
      },
      body: big,
    });
    const res = await exports.default.fetch(lying);
    await expectEnvelope(res, 413, "payload_too_large");
    await expectNoCase("chunked-0000000001");
    await expectNoCase("lying-len-00000001");
  });

  it("requires a long, random idempotency key", async () => {
    const missing = await expectEnvelope(await postCase(json(SUBMISSION)), 400, "validation_failed");
    expect(missing.issues?.map((i) => i.path)).toContain("idempotency-key");
    await expectEnvelope(await postCase(json(SUBMISSION), { key: "1" }), 400, "validation_failed");
  });

  it("answers a submission flood from one client with 429 and Retry-After", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await postCase(json(SUBMISSION), { key: uniqueKey("flood"), ip });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toBe("60");
    expect(((await last?.json()) as { error: { code: string } } | undefined)?.error.code).toBe("rate_limited");
  });

  it("takes partner submissions with a valid API key and refuses unknown keys", async () => {
    const plaintext = `pk_${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO api_keys (id, partner_name, key_hash, created_at) VALUES (?, ?, ?, ?)")
      .bind("partner-test", "平凉日报", sha256Hex(plaintext), new Date().toISOString())
      .run();
    const key = uniqueKey("partner");
    const ok = await postCase(json(SUBMISSION), { key, headers: { "x-api-key": plaintext } });
    expect(ok.status).toBe(201);
    expect((await caseRecordStub(env, caseIdFor("partner:partner-test", key)).read())?.channel).toBe("partner");
    await expectEnvelope(
      await postCase(json(SUBMISSION), { key: uniqueKey(), headers: { "x-api-key": "pk_wrong" } }),
      401,
      "invalid_api_key",
    );
  });
});

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
    expect(pub).not.toHaveProperty("body");

    const own = await exports.default.fetch(`http://intake.test/api/v1/cases/${trackingNo}`, {
      headers: { "x-query-code": queryCode.toLowerCase() },
    });
    expect(own.status).toBe(200);
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

describe("API documentation", () => {
  it("serves an OpenAPI document generated from the schemas, and a reference page", async () => {
    const doc = (await (await exports.default.fetch("http://intake.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/cases", "/api/v1/cases/{trackingNo}", "/api/v1/meta"]),
    );
    expect(doc.components.schemas).toHaveProperty("CaseSubmission");
    const page = await exports.default.fetch("http://intake.test/api/v1/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("POST /api/v1/cases");
  });
});
