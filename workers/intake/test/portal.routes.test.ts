import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { currentPeriod, previousPeriod } from "../../../shared/clocks/period";
import { formatTrackingNo } from "../../../shared/domain/ids";
import { freshIp } from "./fixtures";
import { caseThrough, citizen, insertCase, office, page, replySteps } from "./portal-fixtures";

/** Counters for one cell of the rollups, written as the evaluation Worker would (and its per-unit sums, where that table exists). */
async function rollup(period: string, departmentId: string, regionCode: string, counters: Record<string, number>) {
  const units =
    (await env.DB.prepare(
      "SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'rollup_units'",
    ).first()) !== null;
  for (const [counter, n] of Object.entries(counters)) {
    await env.DB.prepare(
      "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, ?, 'urban_rural', ?, ?)",
    )
      .bind(period, departmentId, regionCode, counter, n)
      .run();
    if (!units) continue;
    for (const [kind, unit] of [
      ["city", ""],
      ["department", departmentId],
      ["county", regionCode],
    ]) {
      await env.DB.prepare(
        "INSERT INTO rollup_units (period, kind, unit_id, counter, n) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
      )
        .bind(period, kind, unit, counter, n)
        .run();
    }
  }
}

const THIS_MONTH = {
  received: 10,
  assigned: 8,
  acknowledgedOnTime: 6,
  acknowledgedLate: 2,
  replied: 4,
  repliedOnTime: 3,
  replyOverdue: 1,
  rated: 2,
  satisfied: 1,
  basicallySatisfied: 1,
};

/** A case answered after an extension, rated satisfied by the citizen and closed by the office. */
const answeredAndClosed = (at: string) =>
  [
    ...replySteps(at),
    [citizen, { name: "rate", resolution: "solved", rating: "satisfied" }],
    [office, { name: "close" }],
  ] as ReturnType<typeof replySteps>;

describe("the home page", () => {
  it("explains the steps and the time limits from the rules, and says when the month has no figures yet", async () => {
    const { status, html } = await page("/");
    expect(status).toBe(200);
    expect(html).toContain("怎样办理");
    expect(html).toContain("受理交办");
    // From time_limit_rules: acknowledge in 1 working day, reply by type, a 7-day rating window; thanks has no limit.
    expect(html).toMatch(
      /data-testid="limits-complaint"><th scope="row">投诉<\/th><td>1 个工作日<\/td><td>15 个工作日<\/td><td>7 天<\/td>/,
    );
    expect(html).toMatch(/data-testid="limits-consult">.*?<td>5 个工作日<\/td>/);
    expect(html).toMatch(/data-testid="limits-thanks">.*?<td>不限<\/td>/);
    expect(html).toContain('data-testid="no-figures">本月暂无数据');
    for (const href of ["/board", "/submit", "/lookup", `/reports/${currentPeriod()}`, "/spokespeople", "/departments"])
      expect(html).toContain(`href="${href}"`);
  });

  it("shows this month's figures from the rollups, the 三率 with their samples, and the latest public replies", async () => {
    await rollup(currentPeriod(), "pl-housing", "620802", THIS_MONTH);
    await rollup(previousPeriod(currentPeriod()), "pl-housing", "620802", { assigned: 5, acknowledgedOnTime: 5 });
    const answered = await caseThrough(
      replySteps,
      { title: "新民路路灯不亮请维修" },
      new Date(Date.now() - 60_000).toISOString(),
    );
    const { html } = await page("/");
    expect(html).toContain('data-testid="figure-received">10');
    expect(html).toContain('data-testid="figure-replied">4');
    expect(html).toMatch(/data-testid="figure-responseRate">75\.0%<small>样本 8 件<\/small>/);
    expect(html).toMatch(/data-testid="figure-onTimeRate">75\.0%<small>样本 4 件<\/small>/);
    expect(html).toMatch(/data-testid="figure-satisfactionRate">100\.0%<small>样本 2 件<\/small>/);
    expect(html).toContain(`href="/cases/${answered.trackingNo}"`);
    expect(html).toContain("经现场核实，路灯线路老化，已更换。");
    expect(html).toContain("王建国");
  });
});

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

describe("the department pages", () => {
  it("lists every department with this month's 三率 and their samples", async () => {
    await rollup(currentPeriod(), "pl-transport", "620821", {
      assigned: 4,
      acknowledgedOnTime: 3,
      repliedOnTime: 2,
      rated: 1,
      dissatisfied: 1,
    });
    const { status, html } = await page("/departments");
    expect(status).toBe(200);
    expect(html).toMatch(/data-testid="dept-pl-transport">.*?75\.0%（4）.*?100\.0%（2）.*?0\.0%（1）/);
    expect(html).toMatch(/data-testid="dept-kongtong">.*?—/);
    expect(html).toContain('href="/departments/pl-housing"');
    expect(html).not.toContain("平凉市网络问政办公室");
    expect(html).toContain("响应率");
    expect(html).toContain("按期办结率");
    expect(html).toContain("满意率");
  });

  it("shows a department's 三率 this month and last, its spokespeople and its recent public replies", async () => {
    await rollup(currentPeriod(), "pl-market", "620802", { assigned: 2, acknowledgedOnTime: 1 });
    await rollup(previousPeriod(currentPeriod()), "pl-market", "620802", { assigned: 5, acknowledgedOnTime: 5 });
    const answered = await caseThrough(replySteps, { title: "住建局答复的公开留言" });
    const hidden = await caseThrough(replySteps, { title: "住建局答复的私密留言", isPublic: false });
    const market = await page("/departments/pl-market");
    expect(market.html).toContain("50.0%（2）");
    expect(market.html).toContain("100.0%（5）");
    expect(market.html).toContain("陈晓东");
    const housing = await page("/departments/pl-housing");
    expect(housing.html).toContain("王建国");
    expect(housing.html).toContain("市住建局副局长、网络发言人");
    expect(housing.html).toContain(`href="/cases/${answered.trackingNo}"`);
    expect(housing.html).not.toContain(hidden.trackingNo);
    expect(housing.html).not.toContain("住建局答复的私密留言");
    expect(housing.html).toContain('href="/board?department=pl-housing"');
    expect((await page("/departments/no-such-bureau")).status).toBe(404);
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

describe("the portal in English", () => {
  it("serves every portal page in zh-CN by default and in English with ?lang=en, with a switch keeping the path and query", async () => {
    const c = await caseThrough(replySteps);
    const paths: [string, string][] = [
      ["/", "Ask the city government, online"],
      ["/board?month=2026-01", "Public message board"],
      ["/submit", "Write a message"],
      ["/lookup", "Track your message"],
      [`/cases/${c.trackingNo}`, "Assigned to a department"],
      [`/cases/${c.trackingNo}/verify`, "Verify the history of case"],
      ["/departments", "Response rate"],
      ["/departments/pl-housing", "The three rates"],
      ["/spokespeople", "Spokespeople"],
      ["/notices", "Public notices of overdue cases"],
    ];
    for (const [path, english] of paths) {
      const zh = await page(path);
      expect(zh.html, path).toContain('<html lang="zh-CN">');
      const switchTo = `${path}${path.includes("?") ? "&amp;" : "?"}lang=en`;
      expect(zh.html, path).toContain(`<a class="lang" href="${switchTo}" lang="en" hreflang="en">English</a>`);
      const en = await page(`${path}${path.includes("?") ? "&" : "?"}lang=en`);
      expect(en.status, path).toBe(200);
      expect(en.html, path).toContain('<html lang="en">');
      expect(en.html, path).toContain(english);
      expect(en.html, path).toContain(
        `<a class="lang" href="${path.replace("&", "&amp;")}" lang="zh-CN" hreflang="zh-CN">中文</a>`,
      );
      expect(en.html, path).toContain('href="/board?lang=en"');
    }
    // Departments by their English names; what people wrote stays as written, marked as Chinese.
    const casePage = await page(`/cases/${c.trackingNo}?lang=en`);
    expect(casePage.html).toContain(
      'Spokesperson <span lang="zh-CN">王建国</span> (<span lang="zh-CN">市住建局副局长、网络发言人</span>), Pingliang Housing and Urban-Rural Development Bureau',
    );
    expect(casePage.html).toContain("Assigned to a department: Pingliang Housing and Urban-Rural Development Bureau");
    expect(casePage.html).toContain(
      '3 more working days asked; Reason: <span lang="zh-CN">需协调供电公司，联系电话139****2222</span>',
    );
  });

  it("keeps the language through a form: the answer page of /submit and /lookup is in English", async () => {
    const form = await page("/submit?lang=en");
    expect(form.html).toContain('action="/submit?lang=en"');
    const post = (path: string, fields: Record<string, string>) =>
      exports.default.fetch(`http://intake.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshIp() },
        body: new URLSearchParams(fields).toString(),
      });
    const fields = {
      type: "consult",
      title: "灵台县医保报销咨询",
      body: "请问异地就医的医保报销需要哪些材料？",
      regionCode: "620822",
      phone: "13811113333",
      isPublic: "true",
    };
    const bad = await post("/submit?lang=en", { ...fields, title: "短", formToken: crypto.randomUUID() });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<html lang="en">');
    expect(badHtml).toContain("The title needs 5–100 characters.");
    expect(badHtml).toContain('href="#title"');
    const receipt = await post("/submit?lang=en", { ...fields, formToken: crypto.randomUUID() });
    const receiptHtml = await receipt.text();
    expect(receipt.status).toBe(200);
    expect(receiptHtml).toContain("Message submitted");
    expect(receiptHtml).toContain('data-testid="query-code">');
    const trackingNo = /data-testid="tracking-no">([0-9A-Z-]+)</.exec(receiptHtml)?.[1] ?? "";
    const lookup = await post("/lookup?lang=en", { trackingNo, queryCode: "ZZZZZZZZ" });
    expect(await lookup.text()).toContain("The case number or the query code is wrong.");
    expect((await page("/lookup?lang=en")).html).toContain('action="/lookup?lang=en"');
  });
});
