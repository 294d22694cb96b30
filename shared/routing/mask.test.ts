import { describe, expect, it } from "vitest";
import { isBankCard, isResidentId, maskPersonalData } from "./mask";

// A made-up resident ID with a valid check digit, and a test card number that passes Luhn.
const ID = "11010519491231002X";
const CARD = "6222021234567890128";

describe("personal data in free text", () => {
  it("masks mobile, landline, ID, bank card and e-mail", () => {
    const text = `电话13912345678，也可打 139-1234-5678，身份证${ID}，座机0933-8211234，卡号${CARD}，邮箱zhang.san@example.com。`;
    const masked = maskPersonalData(text);
    for (const secret of ["13912345678", "1234-5678", "19491231002X", "8211234", "1234567890", "zhang.san"])
      expect(masked).not.toContain(secret);
    expect(masked).toContain("139****5678");
    expect(masked).toContain("110105************");
    expect(masked).toContain("**** **** **** 0128");
    expect(masked).toContain("***@example.com");
  });

  it("masks the house-level part of a street address and keeps the street", () => {
    const masked = maskPersonalData("我住在崆峒区西大街128号，柳湖小区5号楼2单元301室。");
    expect(masked).toBe("我住在崆峒区西大街**号，柳湖小区**号楼**单元**室。");
  });

  it("leaves near-misses alone: a 17-digit number, an ID with a wrong check digit, a number failing Luhn, ordinary numbers", () => {
    expect(isResidentId("110105194912310021")).toBe(false);
    expect(isBankCard("6222021234567890123")).toBe(false);
    for (const text of [
      "订单号12345678901234567已发货",
      "编号110105194912310021",
      "流水号6222021234567890123",
      "拖欠工资30000元，2026年3月5日，共12户",
      "乘坐3号线到五一路",
    ]) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });
});
