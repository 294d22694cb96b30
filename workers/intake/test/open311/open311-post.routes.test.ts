import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { waitFor } from "../fixtures";
import { expectError, type Format, items, post } from "./georeport-client";
import { caseRow, created, fields, partnerKey, writes } from "./open311-fixtures";

// POST Service Request, driven by the spec-written client (georeport-client.ts).

describe("POST requests", () => {
  it.each<Format>(["json", "xml"])(
    "creates a case on the open311 channel for the key's partner (%s)",
    async (format) => {
      const { apiKey, id } = await partnerKey();
      const f = fields(apiKey, {
        device_id: "DEVICE-7f3a",
        account_id: "ACCT-991",
        media_url: "https://img.example/x.jpg",
      });
      const answer = await post(format, f);
      expect(answer.status, answer.raw).toBe(201);
      const [request, ...more] = items(answer, "service_requests");
      expect(more).toHaveLength(0);
      expect(String(request?.service_request_id)).toMatch(/^[0-9A-Z]{12}$/);
      expect(String(request?.service_notice)).toContain("答复期限");
      expect(request?.account_id ?? null).toBeNull();
      const row = await caseRow(String(request?.service_request_id));
      expect(row).toMatchObject({
        channel: "open311",
        category: "transport",
        region_code: "620802", // 崆峒区, found in address_string
        type: "complaint",
        is_public: 1,
        petitioner_phone: "13912340000",
        petitioner_name: "赵建国",
        petitioner_email: "zhao.jianguo@example.com",
        address: "平凉市崆峒区西大街 12 号",
      });
      expect(String(row.title)).toBe([...String(f.description)].slice(0, 30).join("").trim());
      // device_id, account_id and media_url are ignored: nowhere in the case or its events.
      const events = await waitFor(async () => {
        const all = await env.DB.prepare("SELECT type, payload FROM case_events WHERE case_id = ?")
          .bind(row.case_id)
          .all();
        return all.results.length ? all.results : null;
      });
      // The partner's webhooks hear about the case: it carries the key's id.
      expect(JSON.parse(String(events[0]?.payload))).toMatchObject({ channel: "open311", partnerId: id });
      const stored = JSON.stringify([row, events]);
      for (const dropped of ["DEVICE-7f3a", "ACCT-991", "img.example"]) expect(stored).not.toContain(dropped);
    },
  );

  it("a resend of the same form answers the same id and creates nothing; so does a resent Idempotency-Key", async () => {
    const { apiKey, id } = await partnerKey();
    const f = fields(apiKey);
    const first = await created(f);
    const again = await post("json", { ...f });
    expect(again.status).toBe(200);
    expect(items(again, "service_requests")[0]?.service_request_id).toBe(first);
    const key = `o311-${crypto.randomUUID()}`;
    const g = fields(apiKey);
    const a = await post("xml", g, { "idempotency-key": key });
    const b = await post("xml", g, { "idempotency-key": key });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(items(b, "service_requests")[0]?.service_request_id).toBe(
      items(a, "service_requests")[0]?.service_request_id,
    );
    // The key reused with another description is refused, in the spec's shape.
    expectError(await post("json", fields(apiKey), { "idempotency-key": key }), 400);
    await caseRow(first);
    await caseRow(String(items(a, "service_requests")[0]?.service_request_id));
    expect(await writes(id)).toEqual([2, 2]); // two cases, and the resends spent nothing
  });

  it("takes attribute[title], attribute[region], lat/long; falls back to the city's code", async () => {
    const { apiKey } = await partnerKey();
    const titled = await created(
      fields(apiKey, {
        "attribute[title]": "华亭市东华路积水",
        "attribute[region]": "620881",
        address_string: undefined,
        lat: "35.2",
        long: "106.6",
      }),
    );
    expect(await caseRow(titled)).toMatchObject({
      title: "华亭市东华路积水",
      region_code: "620881",
      address: "35.2,106.6",
    });
    const city = await created(fields(apiKey, { address_string: "市政府对面", "attribute[is_public]": "false" }));
    expect(await caseRow(city)).toMatchObject({ region_code: "620800", is_public: 0 });
  });

  it("refuses bad input in the spec's shape and status, writing nothing", async () => {
    const { apiKey, id } = await partnerKey();
    const cases: [Record<string, string>, number, RegExp][] = [
      [fields(apiKey, { api_key: undefined }), 403, /api_key/],
      [fields("pk_not-a-key"), 403, /api_key/],
      [fields(apiKey, { service_code: undefined }), 400, /service_code/],
      [fields(apiKey, { service_code: "potholes" }), 404, /service_code/],
      [fields(apiKey, { address_string: undefined }), 400, /lat & long, address_string or address_id/],
      [fields(apiKey, { lat: "35.2" }), 400, /lat, long/],
      [fields(apiKey, { phone: undefined }), 400, /mainland China mobile/],
      [fields(apiKey, { phone: "020-12345678" }), 400, /mainland China mobile/],
      [fields(apiKey, { "attribute[type]": "pothole" }), 400, /attribute\[type\]/],
      [fields(apiKey, { "attribute[is_public]": undefined }), 400, /attribute\[is_public\]/],
      [fields(apiKey, { "attribute[region]": "110000" }), 400, /attribute\[region\]/],
      [fields(apiKey, { description: "太短了" }), 400, /description/],
      [fields(apiKey, { jurisdiction_id: "beijing.gov.cn" }), 404, /jurisdiction_id/],
    ];
    for (const [f, status, description] of cases) {
      for (const format of ["json", "xml"] as const)
        expect(expectError(await post(format, f), status)).toMatch(description);
    }
    expect(await writes(id)).toEqual([0, 0]);
    // A body in another encoding is a bad request too, not a 415 the spec does not know.
    const res = await post("json", fields(apiKey), { "content-type": "application/json" });
    expectError(res, 400);
    expect(await writes(id)).toEqual([0, 0]);
  });

  it("spends the key's quota as the partner API does: 429 over it, a resend still answered", async () => {
    const second = new Date().getUTCSeconds();
    if (second > 50) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const { apiKey, id } = await partnerKey(1);
    const f = fields(apiKey);
    const first = await created(f);
    await caseRow(first);
    const over = await post("xml", fields(apiKey));
    expect(expectError(over, 429)).toMatch(/quota/);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await writes(id)).toEqual([1, 1]);
    const resend = await post("json", f);
    expect(resend.status).toBe(200);
    expect(items(resend, "service_requests")[0]?.service_request_id).toBe(first);
  }, 20_000);

  it("keeps the edge's limits: 64 KB bodies, and posts without a known key limited per address", async () => {
    const { apiKey, id } = await partnerKey();
    expectError(await post("xml", fields(apiKey, { description: "长".repeat(70_000) })), 413);
    const ip = { "cf-connecting-ip": "10.250.0.1" };
    const statuses: number[] = [];
    for (let i = 0; i < 12 && statuses.at(-1) !== 429; i++)
      statuses.push((await post("json", fields("pk_guess", { api_key: `pk_guess_${i}` }), ip)).status);
    expect(statuses.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(await writes(id)).toEqual([0, 0]);
  });

  it("jurisdiction_id may name the city's code", async () => {
    const { apiKey } = await partnerKey();
    expect((await post("json", fields(apiKey, { jurisdiction_id: "620800" }))).status).toBe(201);
  });
});
