import { runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formatTrackingNo } from "../../../shared/domain/ids";
import { freshIp } from "./fixtures";
import { caseThrough, citizen, insertCase, office, page, replySteps } from "./portal-fixtures";

/** A case answered after an extension, rated satisfied by the citizen and closed by the office. */
const answeredAndClosed = (at: string) =>
  [
    ...replySteps(at),
    [citizen, { name: "rate", resolution: "solved", rating: "satisfied" }],
    [office, { name: "close" }],
  ] as ReturnType<typeof replySteps>;

describe("the public case page", () => {
  it("shows the timeline (assigned to whom, the extension with its reason and days, reply, rating, closing), the reply's signature and on-time mark", async () => {
    const c = await caseThrough(answeredAndClosed);
    const { status, html } = await page(`/cases/${c.trackingNo}`);
    expect(status).toBe(200);
    expect(html).toContain("已交办：平凉市住房和城乡建设局");
    expect(html).toContain("承办单位已签收");
    expect(html).toContain("承办单位申请延期：申请延期 3 个工作日；理由：需协调供电公司，联系电话139****2222");
    expect(html).toContain("延期申请已审核：同意延期 3 个工作日；同意");
    expect(html).toContain("答复已发布");
    expect(html).toContain("留言人已评价：满意");
    expect(html).toContain("已办结：办理结果：已解决；满意");
    expect(html).toContain("平凉市住房和城乡建设局 网络发言人 王建国（市住建局副局长、网络发言人）");
    expect(html).toMatch(/data-testid="due-status">按期答复</);
    expect(html).toContain(`data-testid="receipt-hash">${c.receiptHash}<`);
    expect(html).toContain(`href="/cases/${c.trackingNo}/verify"`);
    expect(html).toContain('href="/departments/pl-housing"');
    for (const secret of ["13911112222", "13912345678", "王先生", "承办人"]) expect(html).not.toContain(secret);
  });

  it("keeps the citizen's own view and its rating form working through POST /lookup", async () => {
    const c = await caseThrough(replySteps);
    const res = await exports.default.fetch("http://intake.test/lookup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
      body: new URLSearchParams({ trackingNo: c.trackingNo, queryCode: c.queryCode }).toString(),
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("我的信息（仅本人可见）");
    expect(html).toContain("13912345678");
    expect(html).toContain(`action="/cases/${c.trackingNo}/rating"`);
  });
});

describe("verifying a case's history", () => {
  it("reports a real case valid, as JSON and as a page", async () => {
    const c = await caseThrough(replySteps);
    const res = await exports.default.fetch(`http://intake.test/api/v1/cases/${formatTrackingNo(c.trackingNo)}/verify`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      trackingNo: c.trackingNo,
      valid: true,
      events: 8,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      receiptHash: c.receiptHash,
    });
    const view = await page(`/cases/${c.trackingNo}/verify`);
    expect(view.html).toContain('data-valid="true"');
    expect(view.html).toContain("记录完整");
    expect(view.html).toContain(`${body.headHash}`);
  });

  it("names the first broken record when the log is tampered with", async () => {
    const c = await caseThrough(replySteps);
    await runInDurableObject(c.stub, (_instance, state) => {
      state.storage.sql.exec(
        `UPDATE events SET payload = '{"departmentId":"pl-education","coDepartmentIds":[]}' WHERE seq = 3`,
      );
    });
    const body = (await (
      await exports.default.fetch(`http://intake.test/api/v1/cases/${c.trackingNo}/verify`)
    ).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ trackingNo: c.trackingNo, valid: false, events: 8, firstBrokenSeq: 3 });
    const view = await page(`/cases/${c.trackingNo}/verify`);
    expect(view.html).toContain('data-valid="false"');
    expect(view.html).toContain("第 3 条记录与哈希链不符");
  });

  it("finds no history for a row without its durable object, and 404s an unknown number", async () => {
    const orphan = await insertCase();
    const body = (await (
      await exports.default.fetch(`http://intake.test/api/v1/cases/${orphan.trackingNo}/verify`)
    ).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ valid: false, events: 0, headHash: null, firstBrokenSeq: 1 });
    const missing = await exports.default.fetch("http://intake.test/api/v1/cases/ABCDEFGHJKMN/verify");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await page("/cases/ABCDEFGHJKMN/verify")).status).toBe(404);
    const doc = (await (await exports.default.fetch("http://intake.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths["/api/v1/cases/{trackingNo}/verify"]).toBeDefined();
    expect(doc.components.schemas.CaseVerification).toBeDefined();
  });
});

describe("personal data on public pages", () => {
  it("masks what the citizen typed and never shows the petitioner's own data on the board, case, department and JSON views", async () => {
    const title = "联系13766668888反映柳湖路120号占道";
    const body = "我的身份证号11010519491231002X，邮箱lihua.private@example.com，住西大街128号，请回电0933-8211234。";
    const c = await caseThrough(
      (at) => replySteps(at, "已联系13766668888的留言人，西大街128号门前已清理。"),
      {
        title,
        body,
        name: "钱多多",
        phone: "13855557777",
        email: "qian.private@example.com",
        address: "崆峒区保密巷9号",
      },
      new Date(Date.now() - 60_000).toISOString(),
    );
    const views = [
      (await page(`/board?q=${encodeURIComponent("占道")}`)).html,
      (await page(`/cases/${c.trackingNo}`)).html,
      (await page("/departments/pl-housing")).html,
      (await page("/")).html,
      await (await exports.default.fetch(`http://intake.test/api/v1/cases/${c.trackingNo}`)).text(),
      await (await exports.default.fetch(`http://intake.test/api/v1/cases/${c.trackingNo}/verify`)).text(),
    ];
    expect(views[0]).toContain(`/cases/${c.trackingNo}`);
    expect(views[2]).toContain(`/cases/${c.trackingNo}`);
    for (const view of views) {
      for (const secret of [
        "13766668888",
        "11010519491231002X",
        "lihua.private",
        "128号",
        "8211234",
        "120号",
        "钱多多",
        "13855557777",
        "qian.private",
        "保密巷",
        c.queryCode,
      ]) {
        expect(view).not.toContain(secret);
      }
    }
    expect(views[1]).toContain("137****8888");
    expect(views[1]).toContain("110105************");
    expect(views[1]).toContain("***@example.com");
    expect(views[1]).toContain("西大街**号");
    expect(views[0]).toContain("柳湖路**号");
  });
});
