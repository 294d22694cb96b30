import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { sha256Hex } from "../../../shared/domain/hash-chain";
import { caseIdFor } from "../../../shared/domain/ids";
import { expectEnvelope, json, postCase, projected, URL_CASES } from "./cases-fixtures";
import { freshIp, SUBMISSION, uniqueKey } from "./fixtures";

/** Nothing was created: the durable object the key would name holds no case. */
async function expectNoCase(key: string, scope = "api") {
  expect(await caseRecordStub(env, caseIdFor(scope, key)).read()).toBeNull();
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
    // The limiter counts in fixed one-minute windows: 21 requests put 11 into one window even when
    // a window boundary falls among them (12 did not, and failed on a boundary).
    for (let i = 0; i < 21 && last?.status !== 429; i++) {
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
