import { describe, expect, it } from "vitest";
import { parseCsv, readMessages } from "./csv";

describe("CSV reader", () => {
  it("reads quoted fields with commas, newlines and doubled quotes", () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi""\nagain"\r\n2,,last';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"\nagain'],
      ["2", "", "last"],
    ]);
  });

  it("does not invent a row for a trailing newline and rejects an unclosed quote", () => {
    expect(parseCsv("a\n1\n")).toEqual([["a"], ["1"]]);
    expect(() => parseCsv('a\n"open')).toThrow(/quoted/);
  });

  it("takes 文本, or 留言主题 + 留言详情 without whitespace, and the 一级标签 label", () => {
    const text = [
      "一级标签,留言主题,留言详情,文本",
      "环境保护,,,工厂排污",
      '教育文体,学校 收费,"乱收费，\n请查处",',
    ].join("\n");
    expect(readMessages(text)).toEqual([
      { row: 1, text: "工厂排污", label: "环境保护" },
      { row: 2, text: "学校收费乱收费，请查处", label: "教育文体" },
    ]);
  });

  it("reads unlabelled files and refuses files without a text column", () => {
    expect(readMessages("文本\n只有文本")).toEqual([{ row: 1, text: "只有文本", label: "" }]);
    expect(() => readMessages("id,label\n1,x")).toThrow(/文本/);
  });
});
