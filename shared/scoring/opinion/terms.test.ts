import { describe, expect, it } from "vitest";
import { extractTerms, normaliseText } from "./terms";

describe("extractTerms", () => {
  it("keeps topic words and drops stop words, boilerplate and single characters", () => {
    const terms = extractTerms(
      "请问领导：我们小区的供暖问题什么时候能解决？物业一直拖欠工资，希望政府相关部门尽快处理一下。",
    );
    expect(terms).toEqual(expect.arrayContaining(["小区", "供暖", "物业", "拖欠", "工资"]));
    for (const dropped of [
      "请问",
      "领导",
      "我们",
      "问题",
      "解决",
      "希望",
      "政府",
      "相关",
      "部门",
      "一下",
      "的",
      "能",
    ]) {
      expect(terms).not.toContain(dropped);
    }
  });

  it("returns each term once", () => {
    const terms = extractTerms("物业不作为，物业乱收费，物业态度差");
    expect(terms.filter((t) => t === "物业")).toHaveLength(1);
  });

  it("keeps given place and organisation names whole, longest first", () => {
    const places = ["崆峒区", "泾川县", "泾川县人民医院"];
    const terms = extractTerms("崆峒区住建局不作为，泾川县人民医院收费混乱，泾川县也有此事", places, ["住建局"]);
    expect(terms).toEqual(expect.arrayContaining(["崆峒区", "住建局", "泾川县人民医院", "泾川县"]));
    // The segmenter alone would split these into 崆峒 | 区 and 住 | 建 | 局.
    expect(terms).not.toContain("崆峒");
  });

  it("keeps a name even when it is a stop word, and does not glue its neighbours", () => {
    expect(extractTerms("政府大楼门口", [], ["政府"])).toContain("政府");
    expect(extractTerms("找崆峒区劳动监察", ["崆峒区"])).toEqual(["崆峒区", "劳动", "监察"]);
  });

  it("joins civic words the segmenter breaks, but never across words or punctuation", () => {
    const terms = extractTerms("社保卡办不下来，公积金提取难，出租车拒载");
    expect(terms).toEqual(expect.arrayContaining(["社保卡", "公积金", "出租车"]));
    expect(terms).not.toContain("出租");
    expect(extractTerms("县城管理混乱")).not.toContain("城管");
    expect(extractTerms("社，保")).toEqual([]);
  });

  it("drops masked numbers with the digits and letters around them, and other number noise", () => {
    const terms = extractTerms("联系电话138****5678，车牌楚G*****，身份证620102************，2019年12月3日，A7县");
    expect(terms).toEqual(["车牌", "身份证"]);
  });

  it("normalises full-width characters and Latin case", () => {
    expect(normaliseText("ＷｉＦｉ　ＡＰＰ")).toBe("wifi app");
    expect(extractTerms("小区ＷｉＦｉ信号差，APP打不开")).toEqual(expect.arrayContaining(["wifi", "app", "信号"]));
  });

  it("returns nothing for empty or punctuation-only text", () => {
    expect(extractTerms("")).toEqual([]);
    expect(extractTerms("！！！？？…… ***")).toEqual([]);
  });
});
