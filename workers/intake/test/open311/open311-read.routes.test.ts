import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { caseRecordStub } from "../../../../shared/case-record/client";
import type { Actor } from "../../../../shared/domain/case-model";
import { type Answer, expectError, type Format, get, items, single } from "./georeport-client";
import { accept, caseRow, created, fields, merge, partnerKey, reject, walk } from "./open311-fixtures";

// Reading through GeoReport v2 with the spec-written client (georeport-client.ts): discovery,
// services, definitions, requests (filters, paging, one by id), tokens, errors, and no personal data.

const FORMATS: Format[] = ["json", "xml"];
const W3C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/;
const PII = ["13912340000", "赵建国", "建国", "zhao.jianguo@example.com", "西大街 12 号", "13811112222", "13900001111"];
const office: Actor = { role: "dispatcher", userId: "o311-dispatcher", departmentId: "pl-office" };
const handler: Actor = { role: "handler", userId: "o311-handler", departmentId: "pl-transport" };
const speaker: Actor = { role: "spokesperson", userId: "o311-speaker", departmentId: "pl-transport" };

const ids = { open: [] as string[], closed: "", private: "", rejected: "", merged: "" };
let window: { start_date: string; end_date: string };
const answers: Answer[] = [];
const read = async (path: string, format: Format, query: Record<string, string> = {}) => {
  const answer = await get(path, format, query);
  answers.push(answer);
  return answer;
};

beforeAll(async () => {
  const { apiKey } = await partnerKey();
  const start = new Date(Date.now() - 1000).toISOString();
  const f = (o: Record<string, string> = {}) => fields(apiKey, o);
  for (let i = 0; i < 3; i++)
    ids.open.push(await created(f({ description: `公交站牌倒了，我的电话 13811112222，第 ${i} 处请尽快修复` })));
  ids.closed = await created(f({ service_code: "health" }));
  ids.private = await created(f({ "attribute[is_public]": "false" }));
  ids.rejected = await created(f());
  ids.merged = await created(f());
  for (const no of [...ids.open, ids.private]) await accept(no);
  await reject(ids.rejected, "不属于本平台受理范围");
  await merge(ids.merged, ids.open[0] ?? "");
  await walk(
    ids.closed,
    [
      [office, { name: "accept" }],
      [office, { name: "assign", departmentId: "pl-transport", coDepartmentIds: [] }],
      [handler, { name: "acknowledge" }],
      [handler, { name: "draftReply", text: "站牌已修复，如有问题请致电 13900001111 联系我们。", outcome: "resolved" }],
    ],
    "acknowledged",
  );
  const state = await caseRecordStub(env, String((await caseRow(ids.closed)).case_id)).read();
  const draftedAt = state?.draft?.draftedAt ?? "";
  await walk(
    ids.closed,
    [
      [speaker, { name: "publishReply", spokesperson: { name: "李发言", title: "新闻发言人" }, draftedAt }],
      [{ role: "citizen" }, { name: "rate", resolution: "solved", rating: "satisfied" }],
      [office, { name: "close" }],
    ],
    "closed",
  );
  window = { start_date: start, end_date: new Date(Date.now() + 1000).toISOString() };
}, 120_000);

const idsOf = (a: Answer) => items(a, "service_requests").map((r) => String(r.service_request_id));

describe("discovery and services", () => {
  it.each(FORMATS)("discovery names this GeoReport v2 endpoint and both formats (%s)", async (format) => {
    const answer = await read("discovery", format);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const [endpoint] = items({ ...answer, data: single(answer, "discovery") }, "endpoints");
    expect(String(endpoint?.specification)).toContain("GeoReport_v2");
    expect(String(endpoint?.url)).toBe("http://intake.test/open311/v2");
    expect(endpoint?.formats).toEqual(expect.arrayContaining(["text/xml", "application/json"]));
  });

  it("services are the same list in both formats, with service definitions", async () => {
    const json = await read("services", "json");
    const xml = await read("services", "xml");
    const codes = (a: Answer) => items(a, "services").map((s) => String(s.service_code));
    expect(codes(json)).toContain("transport");
    expect(codes(xml)).toEqual(codes(json));
    for (const s of items(xml, "services")) expect([s.metadata, s.type]).toEqual(["true", "realtime"]);
    for (const format of FORMATS) {
      const definition = single(await read("services/transport", format), "service_definition");
      const attributes = items({ ...json, data: definition }, "attributes");
      expect(attributes.map((a) => a.code)).toEqual(["type", "is_public", "region", "title"]);
      const type = attributes[0] as { required: unknown; datatype: unknown; values: { key: string }[] };
      expect([String(type.required), type.datatype]).toEqual(["true", "singlevaluelist"]);
      expect(type.values.map((v) => v.key)).toEqual(["consult", "suggest", "help", "complaint", "report", "thanks"]);
      expectError(await read("services/potholes", format), 404);
    }
  });
});

describe("GET requests", () => {
  it.each(FORMATS)("lists published public cases only, filtered by status and service_code (%s)", async (format) => {
    const all = idsOf(await read("requests", format, window));
    expect(all).toEqual(expect.arrayContaining([...ids.open, ids.closed]));
    for (const hidden of [ids.private, ids.rejected, ids.merged]) expect(all).not.toContain(hidden);
    expect(idsOf(await read("requests", format, { ...window, status: "closed" }))).toEqual([ids.closed]);
    const open = idsOf(await read("requests", format, { ...window, status: "open" }));
    expect(open).not.toContain(ids.closed);
    expect(idsOf(await read("requests", format, { ...window, service_code: "health" }))).toEqual([ids.closed]);
    // service_request_id overrides every other parameter, and names cases in any state.
    const listed = await read("requests", format, {
      service_request_id: `${ids.rejected},${ids.private}`,
      status: "closed",
    });
    expect(idsOf(listed).sort()).toEqual([ids.rejected, ids.private].sort());
  });

  it("pages with page and page_size, newest first, each case once", async () => {
    const seen: string[] = [];
    for (let page = 1; page < 10; page++) {
      const got = items(
        await read("requests", "json", { ...window, page_size: "2", page: String(page) }),
        "service_requests",
      );
      expect(got.length).toBeLessThanOrEqual(2);
      if (got.length === 0) break;
      seen.push(...got.map((r) => String(r.service_request_id)));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([...ids.open, ids.closed]));
    const times = items(await read("requests", "json", window), "service_requests").map((r) =>
      String(r.requested_datetime),
    );
    expect([...times].sort().reverse()).toEqual(times);
  });

  it.each(FORMATS)("refuses bad parameters with 400 in the spec's shape (%s)", async (format) => {
    const day = 24 * 3600_000;
    const bad: Record<string, string>[] = [
      { start_date: "2026-12-01" },
      { start_date: new Date(Date.now() - 91 * day).toISOString(), end_date: new Date().toISOString() },
      { start_date: new Date().toISOString(), end_date: new Date(Date.now() - day).toISOString() },
      { page_size: "101" },
      { page: "0" },
      { status: "pending" },
    ];
    for (const query of bad) expectError(await read("requests", format, query), 400);
    expectError(await read("requests", format, { jurisdiction_id: "110000" }), 404);
    expect((await read("requests", format, { jurisdiction_id: "620800" })).status).toBe(200);
    expect((await read("requests", format, { jurisdiction_id: "intake.test" })).status).toBe(200);
  });
});

describe("GET requests/{id} and tokens/{token}", () => {
  it.each(FORMATS)("answers each case as its public view shows it (%s)", async (format) => {
    const one = async (id: string) => {
      const [request, ...more] = items(await read(`requests/${id}`, format), "service_requests");
      expect(more).toHaveLength(0);
      return request as Record<string, unknown>;
    };
    const open = await one(ids.open[1] ?? "");
    expect(open).toMatchObject({
      status: "open",
      service_code: "transport",
      service_name: "交通运输",
      address: "崆峒区",
    });
    expect(String(open.description)).toContain("公交站牌倒了");
    for (const key of ["requested_datetime", "updated_datetime"]) expect(String(open[key])).toMatch(W3C);
    expect(open.expected_datetime ?? null).toBeNull(); // no department has it yet: no reply is due
    const closed = await one(ids.closed);
    expect(closed.status).toBe("closed");
    expect(String(closed.status_notes)).toContain("站牌已修复");
    expect(String(closed.expected_datetime)).toMatch(/\+08:00$/);
    expect(String(closed.agency_responsible)).toContain("交通");
    expect((await one(ids.private)).description ?? null).toBeNull();
    const rejected = await one(ids.rejected);
    expect([rejected.status, rejected.description ?? null]).toEqual(["closed", null]);
    expect(String(rejected.status_notes)).toContain("不属于本平台受理范围");
    const merged = await one(ids.merged);
    expect(merged.status).toBe("closed");
    if (format === "json")
      expect(merged.extended_attributes).toMatchObject({ wenzheng_status: "merged", merged_into: ids.open[0] });
    else expect(merged).not.toHaveProperty("extended_attributes");
    expectError(await read("requests/ZZZZZZZZZZZZ", format), 404);
    expectError(await read("tokens/abc123", format), 404);
  });
});

describe("personal data", () => {
  it("no answer carries the petitioner's phone, name, e-mail or address, nor numbers typed in the text", () => {
    expect(answers.length).toBeGreaterThan(30);
    for (const answer of answers) for (const secret of PII) expect(answer.raw).not.toContain(secret);
  });
});
