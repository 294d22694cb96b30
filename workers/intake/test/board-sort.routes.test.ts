import { describe, expect, it } from "vitest";
import { type CaseInsert, inMonth, insertCase, page, walkBoard } from "./portal-fixtures";

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

    const { forward, back, hrefs } = await walkBoard(`/board?month=${month}&sort=supporters`);
    expect((await page(hrefs[0] ?? "")).html).toContain("附议 3");
    for (const next of hrefs.slice(1)) expect(next).toContain("sort=supporters");
    expect(forward.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(forward.flat()).toEqual(expected);
    expect(back).toEqual(forward);
  });

  it("refuses an unknown order, and a cursor of the other order, with the form's messages", async () => {
    const bad = await page("/board?sort=loudest");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请从列表中选择排序方式");
    const mixed = await page("/board?after=3~2012-07-01T01:00:00.000Z~abc");
    expect(mixed.status).toBe(400);
  });
});
