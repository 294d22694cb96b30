import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTipdm, readTipdmFile } from "./read-tipdm";
import { readWenzheng, readWenzhengFile } from "./read-wenzheng";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

describe("tipdm reader", () => {
  it("reads multi-line padded cells, doubled quotes and CRLF files, counting rows as a spreadsheet does", () => {
    const votes = readTipdmFile(fixture("tipdm-votes.csv"));
    expect(votes).toHaveLength(8);
    expect(votes[0]).toMatchObject({
      row: 2,
      messageId: "9001",
      submittedAt: "2019/3/5 8:15:00",
      supporters: "15",
      against: "2",
    });
    expect(votes[0]?.body).toContain("\n\t\t\t\t\t希望尽快修好。");
    expect(votes[6]?.body).toContain('"专业"');
    const replies = readTipdmFile(fixture("tipdm-replies.csv"));
    expect(replies.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(replies[3]?.replyText).toContain("市城管局\r\n2019年11月15日");
    expect(replies[0]?.replyAt).toBe("2018/10/20 16:00:00");
  });

  it("never reads 留言用户 into a row", () => {
    for (const row of readTipdmFile(fixture("tipdm-votes.csv"))) expect(JSON.stringify(row)).not.toMatch(/U000000\d/);
  });

  it("takes a BOM, marks a row with the wrong number of cells and refuses a file without the columns", () => {
    const rows = readTipdm(
      "\ufeff留言编号,留言主题,留言时间,留言详情\r\n1,标题五个字,2019/1/1 8:00,内容\r\n2,only,three\r\n",
      "x.csv",
    );
    expect(rows[0]).toMatchObject({ messageId: "1", problem: undefined });
    expect(rows[1]?.problem).toBe("3 cells where the header has 4");
    expect(() => readTipdm("id,title\n1,x", "y.csv")).toThrow(/y.csv: not a tipdm file, missing column\(s\) 留言编号/);
  });
});

describe("wenzheng reader", () => {
  it("reads the same messages from CSV and from JSON", () => {
    const pick = (r: Record<string, unknown>) =>
      ["messageId", "submittedAt", "title", "body", "regionCode", "place", "addressee", "supporters", "replyAt"].map(
        (k) => r[k] || undefined,
      );
    const csv = readWenzhengFile(fixture("wenzheng.csv"));
    const json = readWenzhengFile(fixture("wenzheng.json"));
    expect(csv).toHaveLength(6);
    expect(json.map((r) => pick({ ...r }))).toEqual(csv.map((r) => pick({ ...r })));
    expect(csv.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(json.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([json[0]?.isPublic, json[1]?.isPublic]).toEqual(["true", "false"]);
    expect(csv[0]).toMatchObject({
      messageId: "LB-2024-0001",
      regionCode: "620802",
      supporters: "12",
      replyOutcome: "resolved",
    });
  });

  it("refuses unknown or missing columns, and JSON that is not an array of objects", () => {
    expect(() => readWenzheng("id,submited_at,title,body\n", "a.csv")).toThrow(/unknown column\(s\) submited_at/);
    expect(() => readWenzheng("id,title,body\n", "b.csv")).toThrow(/missing column\(s\) submitted_at/);
    expect(() => readWenzheng('{"id": 1}', "c.json")).toThrow(/array of messages/);
    const rows = readWenzheng('[1, {"id": 7, "submitted_at": "x", "title": "t", "body": {"a": 1}}]', "d.json");
    expect(rows[0]?.problem).toBe("not an object");
    expect(rows[1]).toMatchObject({ row: 2, messageId: "7", problem: "body is not a string, number or boolean" });
  });
});
