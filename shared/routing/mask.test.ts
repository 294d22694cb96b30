import { expect, it } from "vitest";
import { maskPersonalData } from "./mask";

it("masks mobile, ID, landline numbers and e-mail addresses typed into text", () => {
  const text = "我叫张三，电话13912345678，也可打 139-1234-5678，身份证62080219800101123X，座机0933-8211234，邮箱zhang.san@example.com。";
  const masked = maskPersonalData(text);
  expect(masked).not.toMatch(/13912345678|1234-5678|19800101123X|8211234|zhang\.san/);
  expect(masked).toContain("139****5678");
  expect(masked).toContain("620802************");
  expect(masked).toContain("***@example.com");
});

it("leaves ordinary numbers alone", () => {
  expect(maskPersonalData("拖欠工资30000元，2026年3月5日，共12户")).toBe("拖欠工资30000元，2026年3月5日，共12户");
});
