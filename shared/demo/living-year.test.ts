import { describe, expect, it } from "vitest";
import { ImportItem } from "../import/import-item.schema";
import { DEPARTMENTS, REGIONS } from "./demo-city";
import { asPingliang, DAY, intoLastYear, redatedHistory } from "./living-year";
import { generatedHistory } from "./living-year-generated";

const NOW = Date.parse("2026-12-08T04:00:00Z");
const month = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

/** Months (of the twelve) in which a unit has at least `min` messages. */
function monthsAbove(items: readonly ImportItem[], unitOf: (i: ImportItem) => string | undefined, min = 10) {
  const counts = new Map<string, Map<string, number>>();
  for (const item of items) {
    const unit = unitOf(item);
    if (!unit) continue;
    const byMonth = counts.get(unit) ?? new Map<string, number>();
    byMonth.set(month(item.submittedAt), (byMonth.get(month(item.submittedAt)) ?? 0) + 1);
    counts.set(unit, byMonth);
  }
  return new Map([...counts].map(([unit, m]) => [unit, [...m.values()].filter((n) => n >= min).length]));
}

function countByMonth(items: readonly ImportItem[]): number[] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(month(i.submittedAt), (counts.get(month(i.submittedAt)) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, n]) => n);
}

describe("the generated living year", () => {
  const items = generatedHistory(NOW);

  it("is a year of valid import items, a few hundred a month, nothing in the future", () => {
    expect(items.length).toBeGreaterThanOrEqual(6000);
    for (const item of items) {
      expect(ImportItem.safeParse(item).success, item.messageId).toBe(true);
      expect(Date.parse(item.submittedAt)).toBeGreaterThan(NOW - 366 * DAY);
      expect(Date.parse(item.submittedAt)).toBeLessThan(NOW);
      if (item.reply) expect(Date.parse(item.reply.at)).toBeLessThanOrEqual(NOW);
      if (item.rating) expect(Date.parse(item.rating.at)).toBeLessThanOrEqual(NOW);
    }
    const perMonth = countByMonth(items);
    expect(Math.min(...perMonth.slice(1, -1))).toBeGreaterThan(300);
    // Most are answered, some still open, most answers rated.
    const replied = items.filter((i) => i.reply).length;
    expect(replied / items.length).toBeGreaterThan(0.9);
    expect(items.filter((i) => i.rating).length / replied).toBeGreaterThan(0.5);
  });

  it("puts every department and every county above the ranking's minimum sample in most months", () => {
    const ranked = DEPARTMENTS.filter((d) => d.kind === "municipal" || d.kind === "county").map((d) => d.id);
    const departments = monthsAbove(items, (i) => i.departmentId);
    for (const id of ranked) expect(departments.get(id) ?? 0, id).toBeGreaterThanOrEqual(9);
    const counties = monthsAbove(items, (i) => i.regionCode);
    for (const r of REGIONS) expect(counties.get(r.code) ?? 0, r.code).toBeGreaterThanOrEqual(9);
  });

  it("is the same year when generated again on the same day", () => {
    expect(generatedHistory(NOW, 50)).toEqual(generatedHistory(NOW, 50));
  });
});

describe("the real board re-dated", () => {
  const answering = { departmentName: () => "市住建局", departmentOf: () => "pl-housing" };
  const vote = (id: string, at: string): ImportItem => ({
    messageId: id,
    submittedAt: at,
    type: "complaint",
    title: "A市A3区某小区物业问题",
    body: "西地省A市A7县某镇道路年久失修，请尽快维修。",
    // City level: a county's messages may go to its government instead (a seeded draw).
    regionCode: "620800",
    supporters: 3,
  });

  it("moves a year of votes by whole weeks to end three days ago, and answers each after a real delay", () => {
    const votes = [vote("1", "2019-01-07T02:00:00Z"), vote("2", "2019-12-30T02:00:00Z")];
    const replies: ImportItem[] = [
      { ...vote("9", "2018-03-05T01:00:00Z"), reply: { text: "已处理完毕，感谢监督。", at: "2018-03-15T01:00:00Z" } },
    ];
    const out = redatedHistory(votes, replies, NOW, answering);
    const newest = out.find((i) => i.messageId === "2");
    const shifted = Date.parse(newest?.submittedAt ?? "");
    expect(NOW - shifted).toBeGreaterThanOrEqual(3 * DAY);
    expect(NOW - shifted).toBeLessThan(10 * DAY);
    expect(new Date(shifted).getUTCDay()).toBe(new Date("2019-12-30T02:00:00Z").getUTCDay());
    expect(newest?.title).toBe("平凉市崆峒区某小区物业问题");
    expect(newest?.body).toBe("甘肃省平凉市庄浪县某镇道路年久失修，请尽快维修。");
    expect(newest?.departmentId).toBe("pl-housing");
    // Its reply comes ten days on (the only real delay): that is in the future, so it is still open.
    expect(newest?.reply).toBeUndefined();
    // Older than a year once moved: left out.
    expect(out.some((i) => i.messageId === "1")).toBe(false);
    const answered = out.find((i) => i.messageId === "9");
    expect(month(answered?.submittedAt ?? "")).toBe("2026-03");
    expect(Date.parse(answered?.reply?.at ?? "") - Date.parse(answered?.submittedAt ?? "")).toBe(10 * DAY);
  });

  it("keeps month, day and time of day in the last twelve months", () => {
    const at = intoLastYear(Date.parse("2015-12-25T01:30:00Z"), NOW);
    expect(new Date(at).toISOString()).toBe("2025-12-25T01:30:00.000Z");
    expect(new Date(intoLastYear(Date.parse("2017-06-01T10:00:00Z"), NOW)).toISOString()).toBe(
      "2026-06-01T10:00:00.000Z",
    );
    expect(asPingliang("A9市和A市")).toBe("静宁县和平凉市");
  });
});
