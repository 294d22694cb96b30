import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ImportItem, ImportResponse } from "../../../shared/import/import-item.schema";
import { app } from "../src/app";
import { uniqueKey, waitFor } from "./fixtures";

const TOKEN = "import-token-0123456789";
const bound = { ...env, IMPORT_TOKEN: TOKEN };
const call = (path: string, init: RequestInit = {}, bindings: object = bound, token = TOKEN) =>
  app.request(
    `http://intake.test/api/v1/import${path}`,
    { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...init.headers } },
    bindings,
  );
const post = (path: string, body: unknown) => call(path, { method: "POST", body: JSON.stringify(body) });

const item = (messageId: string, extra: Partial<ImportItem> = {}): ImportItem => ({
  messageId,
  submittedAt: "2019-05-06T09:30:00+08:00",
  type: "consult",
  title: "泾川县城区供暖何时开始",
  body: "请问今年泾川县城区集中供暖什么时候开始，老旧小区能否接入集中供暖管网？",
  regionCode: "620821",
  ...extra,
});
const REPLY = {
  text: "您好，今年城区集中供暖将于11月1日开始，老旧小区管网改造已列入明年计划。",
  at: "2019-05-08T15:00:00+08:00",
};

describe("the board import API", () => {
  it("does not exist without its token, and refuses a wrong one", async () => {
    expect((await call("/meta", {}, { ...env, IMPORT_TOKEN: undefined })).status).toBe(404);
    const wrong = await call("/meta", {}, bound, "not-the-import-token");
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("lists what a file is checked against", async () => {
    const meta = (await (await call("/meta")).json()) as {
      regions: { code: string }[];
      departments: { id: string; spokesperson: boolean }[];
      minSample: number;
    };
    expect(meta.regions.map((r) => r.code)).toContain("620821");
    expect(meta.departments.find((d) => d.id === "pl-housing")?.spokesperson).toBe(true);
    expect(meta.minSample).toBe(10);
  });

  it("imports by department, mailbox or catalogue, refuses what the city lacks, and imports nothing twice", async () => {
    const source = `board-${uniqueKey().slice(-8)}`;
    const items = [
      item("1001", { departmentId: "pl-housing", reply: REPLY, supporters: 3 }),
      item("1002", { category: "transport", reply: REPLY }),
      item("1003", { addressee: "mayor" }),
      item("1004", { regionCode: "620899" }),
      item("1005", { category: "weather" }),
      item("1006"),
    ];
    const res = await post("/cases", { source, items });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as ImportResponse;
    expect(results.map((r) => r.status)).toEqual(["imported", "imported", "imported", "refused", "refused", "refused"]);
    expect(results[3]?.reason).toContain("unknown region 620899");
    expect(results[4]?.reason).toContain("unknown category weather");
    expect(results[5]?.reason).toContain("no department");
    const rows = await waitFor(async () => {
      const { results: r } = await env.DB.prepare(
        "SELECT tracking_no, department_id, status, channel, supporters FROM cases WHERE tracking_no IN (?, ?, ?) ORDER BY tracking_no",
      )
        .bind(results[0]?.trackingNo, results[1]?.trackingNo, results[2]?.trackingNo)
        .all<{ tracking_no: string; department_id: string; status: string; channel: string; supporters: number }>();
      return r.length === 3 ? r : null;
    });
    const byNo = new Map(rows.map((r) => [r.tracking_no, r]));
    expect(byNo.get(results[0]?.trackingNo ?? "")).toMatchObject({
      department_id: "pl-housing",
      status: "closed",
      supporters: 3,
    });
    // A county's transport goes to the county's own bureau, as the catalogue says.
    expect(byNo.get(results[1]?.trackingNo ?? "")?.department_id).not.toBe("pl-transport");
    expect(byNo.get(results[2]?.trackingNo ?? "")).toMatchObject({
      department_id: "pl-mayor-office",
      channel: "leader_mailbox",
    });

    const again = (await (await post("/cases", { source, items })).json()) as ImportResponse;
    expect(again.results.map((r) => r.status)).toEqual([
      "already",
      "already",
      "already",
      "refused",
      "refused",
      "refused",
    ]);
    expect(again.results[0]?.trackingNo).toBe(results[0]?.trackingNo);
    const changed = (await (
      await post("/cases", {
        source,
        items: [
          item("1001", { departmentId: "pl-housing", reply: REPLY, supporters: 3, title: "泾川县城区供暖问题咨询" }),
        ],
      })
    ).json()) as ImportResponse;
    expect(changed.results[0]).toMatchObject({ status: "refused" });
    expect(changed.results[0]?.reason).toContain("a different message with this id");
  });

  it("refuses a malformed batch whole, writing nothing", async () => {
    const source = `bad-${uniqueKey().slice(-8)}`;
    const before = await env.DB.prepare("SELECT count(*) AS n FROM cases").first<{ n: number }>();
    for (const body of [
      { source, items: [item("1"), { ...item("2"), submittedAt: "2019/5/6 9" }] },
      { source, items: Array.from({ length: 26 }, (_, i) => item(String(i))) },
      { source, items: [item("7"), item("7")] },
      { source: "Not A Source", items: [item("8")] },
    ]) {
      const res = await post("/cases", body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    }
    const after = await env.DB.prepare("SELECT count(*) AS n FROM cases").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("finishes by analysing the history the opinion cursor had already passed", async () => {
    await env.DB.prepare(
      "INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, '2026-11-30T00:00:00.000Z', 'z', '2026-11-30T01:00:00.000Z') ON CONFLICT (id) DO UPDATE SET submitted_at = excluded.submitted_at, case_id = excluded.case_id",
    ).run();
    const source = `finish-${uniqueKey().slice(-8)}`;
    const { results } = (await (
      await post("/cases", { source, items: [item("1", { departmentId: "pl-housing" })] })
    ).json()) as ImportResponse;
    const caseId = await waitFor(() =>
      env.DB.prepare("SELECT case_id FROM cases WHERE tracking_no = ?")
        .bind(results[0]?.trackingNo)
        .first<string>("case_id"),
    );
    const finished = await post("/finish", { from: "2019-05-06T09:30:00+08:00" });
    expect(await finished.json()).toMatchObject({ done: true });
    const terms = await env.DB.prepare("SELECT count(*) AS n FROM opinion_case_terms WHERE case_id = ?")
      .bind(caseId)
      .first<number>("n");
    expect(terms).toBeGreaterThan(0);
  });
});
