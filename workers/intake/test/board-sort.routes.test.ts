import { describe, expect, it } from "vitest";
import { type CaseInsert, inMonth, insertCase, linkedCases, page } from "./portal-fixtures";

const hrefOf = (html: string, rel: "next" | "prev") =>
  [...html.matchAll(/<a href="([^"]+)" rel="(next|prev)"/g)].find((m) => m[2] === rel)?.[1]?.replaceAll("&amp;", "&");

describe("the public board sorted by 附议", () => {
  it("lists the most supported first and walks its pages both ways without a gap, ties included", async () => {
    const month = "2012-07";
    const made: (CaseInsert & { caseId: string; trackingNo: string; submittedAt: string })[] = [];
    // Supporters repeat (i % 4) and minutes repeat (i / 3): ties on both keys fall across page boundaries.
    for (let i = 0; i < 45; i++)
      made.push(
        await insertCase({ submittedAt: inMonth(month, Math.floor(i / 3)), supporters: i % 4, title: `路灯第${i}号` }),
      );
    const desc = (a: string | number, b: string | number) => (a === b ? 0 : a < b ? 1 : -1);
    const expected = [...made]
      .sort(
        (a, b) =>
          desc(a.supporters ?? 0, b.supporters ?? 0) || desc(a.submittedAt, b.submittedAt) || desc(a.caseId, b.caseId),
      )
      .map((c) => c.trackingNo);

    const pages: string[][] = [];
    const hrefs = [`/board?month=${month}&sort=supporters`];
    for (;;) {
      const res = await page(hrefs.at(-1) ?? "");
      expect(res.status).toBe(200);
      pages.push(linkedCases(res.html));
      if (pages.length === 1) expect(res.html).toContain("附议 3");
      const next = hrefOf(res.html, "next");
      if (!next) break;
      expect(next).toContain("sort=supporters");
      hrefs.push(next);
    }
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(expected);
    const walked: string[][] = [];
    let href: string | undefined = hrefs.at(-1);
    while (href) {
      const { html } = await page(href);
      walked.unshift(linkedCases(html));
      href = hrefOf(html, "prev");
    }
    expect(walked).toEqual(pages);
  });

  it("refuses an unknown order, and a cursor of the other order, with the form's messages", async () => {
    const bad = await page("/board?sort=loudest");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请从列表中选择排序方式");
    const mixed = await page("/board?after=3~2012-07-01T01:00:00.000Z~abc");
    expect(mixed.status).toBe(400);
  });
});
