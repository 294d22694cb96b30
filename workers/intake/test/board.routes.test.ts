import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { extractTerms } from "../../../shared/scoring/opinion";
import { type CaseInsert, hrefOf, inMonth, insertCase, linkedCases, page, walkBoard } from "./portal-fixtures";

// Each test writes its cases in a month of its own (2012), so the month filter isolates them from
// every other test's cases.

const board = (query: Record<string, string>) => page(`/board?${new URLSearchParams(query)}`);
const listed = async (query: Record<string, string>) => {
  const res = await board(query);
  expect(res.status).toBe(200);
  return linkedCases(res.html);
};

async function indexTerms(c: { caseId: string; submittedAt: string; regionCode?: string }, text: string) {
  for (const term of extractTerms(text)) {
    await env.DB.prepare("INSERT INTO opinion_case_terms (case_id, term, day, region_code) VALUES (?, ?, ?, ?)")
      .bind(c.caseId, term, c.submittedAt.slice(0, 10), c.regionCode ?? "620802")
      .run();
  }
}

describe("the public board's filters", () => {
  it("filters by department, category, county, type, state and month", async () => {
    const month = "2012-01";
    const housing = await insertCase({
      submittedAt: inMonth(month, 1),
      departmentId: "pl-housing",
      category: "urban_rural",
      regionCode: "620802",
      type: "complaint",
      status: "assigned",
    });
    const school = await insertCase({
      submittedAt: inMonth(month, 2),
      departmentId: "pl-education",
      category: "education_culture",
      regionCode: "620821",
      type: "suggest",
      status: "replied",
      replyText: "已协调学校调整作息。",
      repliedAt: inMonth(month, 90),
      replySpokespersonName: "赵文博",
    });
    const road = await insertCase({
      submittedAt: inMonth(month, 3),
      departmentId: "jingning",
      category: "transport",
      regionCode: "620826",
      type: "consult",
      status: "closed",
      replyText: "已修复。",
      repliedAt: inMonth(month, 80),
    });
    const nextMonth = await insertCase({
      submittedAt: inMonth("2012-02", 1),
      departmentId: "pl-housing",
      category: "urban_rural",
      regionCode: "620802",
      type: "complaint",
      status: "acknowledged",
    });

    expect(await listed({ month })).toEqual([road.trackingNo, school.trackingNo, housing.trackingNo]);
    expect(await listed({ month: "2012-02" })).toEqual([nextMonth.trackingNo]);
    expect(await listed({ month, department: "pl-education" })).toEqual([school.trackingNo]);
    expect(await listed({ month, category: "transport" })).toEqual([road.trackingNo]);
    expect(await listed({ month, region: "620802" })).toEqual([housing.trackingNo]);
    expect(await listed({ month, type: "suggest" })).toEqual([school.trackingNo]);
    expect(await listed({ month, state: "handling" })).toEqual([housing.trackingNo]);
    expect(await listed({ month, state: "replied" })).toEqual([school.trackingNo]);
    expect(await listed({ month, state: "closed" })).toEqual([road.trackingNo]);
    expect(await listed({ month, department: "pl-housing", type: "suggest" })).toEqual([]);

    // The list shows the reply's opening under the spokesperson's name; empty selects mean "all".
    const { html } = await board({ month, department: "", category: "", q: "" });
    expect(html).toContain("已协调学校调整作息。");
    expect(html).toContain("赵文博");
    expect(html).toMatch(/<option value="pl-education">平凉市教育局<\/option>/);
  });

  it("re-renders the form with a message for every bad parameter, never a 500 or a JSON envelope", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ type: "petition" }, "请从列表中选择留言类型"],
      [{ state: "lost" }, "请从列表中选择办理状态"],
      [{ month: "2026-13" }, "月份格式为 YYYY-MM"],
      [{ month: "March" }, "月份格式为 YYYY-MM"],
      [{ department: "no-such-bureau" }, "请从列表中选择承办单位"],
      [{ category: "x'; DROP TABLE cases;--" }, "请从列表中选择问题分类"],
      [{ region: "110101" }, "请从列表中选择区县"],
      [{ q: "的" }, "没有可检索的词语"],
      [{ q: "路灯".repeat(26) }, "没有可检索的词语"],
      [{ after: "yesterday" }, "翻页链接已失效"],
      [{ after: "2026-03-01T00:00:00.000Z~A", before: "2026-03-01T00:00:00.000Z~B" }, "翻页链接已失效"],
    ];
    for (const [query, message] of cases) {
      const res = await board(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.html).toContain(message);
      expect(res.html).not.toContain('"error"');
      expect(res.html).toContain('class="errors" role="alert"');
    }
    // The typed value comes back escaped, in its field.
    const res = await board({ month: "<b>2026</b>", type: "consult" });
    expect(res.html).toContain('value="&lt;b&gt;2026&lt;/b&gt;"');
    expect(res.html).toContain('<option value="consult" selected="">');
    expect(res.html).toContain('aria-invalid="true"');
    expect(res.html).toContain('href="#f-month"');
  });
});

describe("the public board's pages", () => {
  it("walks 45 cases in pages of 20 forwards and back, without a duplicate or a gap, ties included", async () => {
    const month = "2012-03";
    const made: (CaseInsert & { caseId: string; trackingNo: string; submittedAt: string })[] = [];
    // Three cases share every minute: the page boundary falls inside a tie.
    for (let i = 0; i < 45; i++)
      made.push(await insertCase({ submittedAt: inMonth(month, Math.floor(i / 3)), title: `柳湖路第${i}号路灯不亮` }));
    await insertCase({ submittedAt: inMonth(month, 5), isPublic: false, title: "不公开的留言标题甲" });
    await insertCase({ submittedAt: inMonth(month, 6), status: "held", title: "审核中的留言标题乙" });
    const expected = [...made]
      .sort((a, b) =>
        a.submittedAt === b.submittedAt ? (a.caseId < b.caseId ? 1 : -1) : a.submittedAt < b.submittedAt ? 1 : -1,
      )
      .map((c) => c.trackingNo);

    const { forward, back, hrefs } = await walkBoard(`/board?month=${month}`);
    expect(hrefOf((await page(hrefs[0] ?? "")).html, "prev")).toBeUndefined();
    for (const next of hrefs.slice(1)) expect(next).toContain(`month=${month}`); // the filters ride along
    expect(forward.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(forward.flat()).toEqual(expected);
    // Back from the last page by its "上一页" links: the same pages, in reverse.
    expect(back).toEqual(forward);
  });
});

describe("word search", () => {
  it("finds indexed cases by one word or several (all of them), only among published public cases", async () => {
    const month = "2012-04";
    expect(extractTerms("路灯 维修")).toEqual(["路灯", "维修"]);
    const both = await insertCase({ submittedAt: inMonth(month, 1), title: "小区路灯需要维修" });
    const lampOnly = await insertCase({ submittedAt: inMonth(month, 2), title: "路灯太暗" });
    const privateLamp = await insertCase({
      submittedAt: inMonth(month, 3),
      title: "私密路灯维修留言",
      isPublic: false,
    });
    const heldLamp = await insertCase({ submittedAt: inMonth(month, 4), title: "审核中路灯维修留言", status: "held" });
    const other = await insertCase({ submittedAt: inMonth(month, 5), title: "供暖不热" });
    for (const c of [both, privateLamp, heldLamp]) await indexTerms(c, "路灯 维修");
    await indexTerms(lampOnly, "路灯");
    await indexTerms(other, "供暖");

    expect(await listed({ month, q: "路灯" })).toEqual([lampOnly.trackingNo, both.trackingNo]);
    expect(await listed({ month, q: "路灯 维修" })).toEqual([both.trackingNo]);
    expect(await listed({ month, q: "路灯", type: "consult" })).toEqual([]);
    const res = await board({ month, q: "路灯" });
    expect(res.html).not.toContain("私密路灯维修留言");
    expect(res.html).not.toContain("审核中路灯维修留言");
    expect(res.html).toContain("最新提交的留言可能需要约 1 小时才能按内容检索到");
    expect(res.html).toContain('value="路灯"');
  });

  it("finds a message of the last day by its title before the hourly indexing, and no older unindexed one", async () => {
    // The segmenter keeps 占道 and 经营 as words; nothing indexes these cases' terms.
    const fresh = await insertCase({
      submittedAt: new Date(Date.now() - 60_000).toISOString(),
      title: "东关菜市场占道经营",
    });
    const stale = await insertCase({
      submittedAt: new Date(Date.now() - 3 * 24 * 3600_000).toISOString(),
      title: "西关菜市场占道经营",
    });
    const hidden = await insertCase({
      submittedAt: new Date(Date.now() - 60_000).toISOString(),
      title: "南关菜市场占道经营",
      isPublic: false,
    });
    const found = await listed({ q: "占道经营" });
    expect(found).toContain(fresh.trackingNo);
    expect(found).not.toContain(stale.trackingNo);
    expect(found).not.toContain(hidden.trackingNo);
  });

  it("never finds a case by personal data the public view masks", async () => {
    const c = await insertCase({
      submittedAt: new Date(Date.now() - 60_000).toISOString(),
      title: "请联系kiwiseller@example.com处理占道问题",
    });
    expect(extractTerms("kiwiseller")).toEqual(["kiwiseller"]);
    expect(await listed({ q: "kiwiseller" })).not.toContain(c.trackingNo);
    expect(await listed({ q: "占道" })).toContain(c.trackingNo);
  });
});

describe("private cases on the board", () => {
  it("never lists a private case, and counts the month's private cases instead", async () => {
    const month = "2012-05";
    const shown = await insertCase({ submittedAt: inMonth(month, 1), title: "公开的停车难留言" });
    for (let i = 0; i < 3; i++)
      await insertCase({ submittedAt: inMonth(month, 2 + i), isPublic: false, title: `不愿公开的留言${i}` });
    await insertCase({
      submittedAt: inMonth(month, 9),
      isPublic: false,
      status: "rejected",
      title: "被拒绝的私密留言",
    });
    await insertCase({
      submittedAt: inMonth(month, 10),
      isPublic: false,
      departmentId: "pl-education",
      title: "教育局的私密留言",
    });

    const res = await board({ month });
    expect(linkedCases(res.html)).toEqual([shown.trackingNo]);
    expect(res.html).toContain("2012年5月另有 4 件不公开留言");
    expect(res.html).not.toContain("不愿公开的留言");
    expect(res.html).not.toContain("教育局的私密留言");
    // The structured filters narrow the count; the words never touch private cases.
    expect((await board({ month, department: "pl-education" })).html).toContain("另有 1 件不公开留言");

    await insertCase({ isPublic: false, title: "本月的私密留言" });
    expect((await board({})).html).toMatch(/本月另有 \d+ 件不公开留言/);
  });
});

describe("the board in English", () => {
  it("speaks English, keeps lang=en in the form and the page links, and links back to 中文", async () => {
    const month = "2012-06";
    for (let i = 0; i < 21; i++) await insertCase({ submittedAt: inMonth(month, i), title: `庄浪县第${i}条留言` });
    const res = await board({ month, lang: "en" });
    expect(res.html).toContain('<html lang="en">');
    expect(res.html).toContain("Public message board");
    expect(res.html).toContain('<input type="hidden" name="lang" value="en"/>');
    expect(hrefOf(res.html, "next")).toMatch(/^\/board\?month=2012-06&after=.+&lang=en$/);
    expect(res.html).toContain(`href="/board?month=${month}"`); // the switch back keeps the query
    expect(res.html).toContain("庄浪县第20条留言"); // the citizen's words stay as written
    const bad = await board({ month: "13", lang: "en" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Enter the month as YYYY-MM");
  });
});
