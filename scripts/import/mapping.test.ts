import path from "node:path";
import { describe, expect, it } from "vitest";
import { REGIONS } from "../../shared/demo/demo-city";
import { demoConfigRows } from "../../shared/demo/demo-config";
import { findPlace, MappingError, parseMapping, readMapping } from "./mapping";

const example = path.join(import.meta.dirname, "mappings/tipdm-pingliang.yaml");

describe("mapping files", () => {
  it("the tipdm → Pingliang example is valid and names only the demo city's regions and departments", () => {
    const m = readMapping(example);
    const config = demoConfigRows({ source: "test", timezone: "Asia/Shanghai", years: {} }, "2026-01-01T00:00:00Z");
    const regions = new Set(REGIONS.map((r) => r.code));
    const departments = new Set(config.departments.map((d) => d.id));
    expect(m.source).toBe("tipdm");
    for (const [, code] of m.places) expect(regions).toContain(code);
    expect(m.defaultRegion).toBe("620800");
    for (const d of m.departments) expect(departments).toContain(d.departmentId);
    expect(new Set(m.addressees.map((a) => a.addressee))).toEqual(new Set(["secretary", "mayor"]));
  });

  it("places the counties as the demo plan says and finds the first place named", () => {
    const m = readMapping(example);
    const at = (text: string) => findPlace(m, text) ?? m.defaultRegion;
    expect(at("A市A3区某小区")).toBe("620802");
    expect(at("A1区")).toBe("620821");
    expect(at("A2区")).toBe("620822");
    expect(at("A4区")).toBe("620823");
    expect(at("A5区")).toBe("620881");
    expect([at("A6区"), at("A8县"), at("A9市")]).toEqual(["620826", "620826", "620826"]);
    expect(at("A7县")).toBe("620825");
    expect(at("A7县的人到A3区上班")).toBe("620825");
    expect(at("B市的问题")).toBe("620800");
  });

  it("prefers the longer name where two start at the same place", () => {
    const m = parseMapping('source: t\nplaces: { "A市": "620800", "A市A5区": "620881" }');
    expect(findPlace(m, "关于A市A5区的问题")).toBe("620881");
    expect(findPlace(m, "关于A市的问题")).toBe("620800");
  });

  it("addressee patterns catch a letter's salutation, not a mention later on", () => {
    const m = readMapping(example);
    const to = (body: string) => m.addressees.find((r) => r.test(body))?.addressee;
    expect(to("尊敬的市委书记：您好")).toBe("secretary");
    expect(to("尊敬的A市市长您好")).toBe("mayor");
    expect(to("胡市长您好")).toBe("mayor");
    expect(to("尊敬的县委书记")).toBeUndefined();
    expect(to("我给市长热线打过电话")).toBeUndefined();
  });

  it("uses the usual type words when a mapping gives none", () => {
    const m = parseMapping("source: t");
    const typeOf = (title: string) => m.types.find((r) => r.test(title))?.type ?? m.defaultType;
    expect(typeOf("投诉物业")).toBe("complaint");
    expect(typeOf("举报违建")).toBe("report");
    expect(typeOf("建议增设公交")).toBe("suggest");
    expect(typeOf("求助")).toBe("help");
    expect(typeOf("感谢医生")).toBe("thanks");
    expect(typeOf("请问怎么办")).toBe("consult");
  });

  it("refuses a bad mapping with every problem named by its place in the file", () => {
    const bad = [
      "source: Not Valid!",
      "places:",
      '  A1区: "62082"',
      "departments:",
      "  - departmentId: pl-housing",
      "  - match: 交通",
      "    departmentId: pl-transport",
      "    weight: 3",
      "types:",
      '  - pattern: "(unclosed"',
      "    type: complaint",
      "  - match: 求助",
      "    type: request",
    ].join("\n");
    let message = "";
    try {
      parseMapping(bad, "bad.yaml");
    } catch (error) {
      expect(error).toBeInstanceOf(MappingError);
      message = (error as Error).message;
    }
    expect(message).toContain("bad.yaml is not a valid mapping");
    expect(message).toMatch(/source: 1–32 lower-case/);
    expect(message).toMatch(/places\.A1区: a six-digit region code/);
    expect(message).toMatch(/departments\.0: give `match`/);
    expect(message).toMatch(/departments\.1: Unrecognized key.*weight/);
    expect(message).toMatch(/types\.0\.pattern: not a valid regular expression/);
    expect(message).toMatch(/types\.1\.type/);
  });

  it("refuses text that is not YAML, and a file without a source", () => {
    expect(() => parseMapping("source: [unclosed", "x.yaml")).toThrow(/x.yaml is not valid YAML/);
    expect(() => parseMapping("places: {}", "y.yaml")).toThrow(/source/);
  });
});
