import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CityFileError, parseCityFile } from "./city-file";

const cities = path.resolve(import.meta.dirname, "../../cities");
const read = (name: string) => readFileSync(path.join(cities, name), "utf8");

function issuesOf(text: string) {
  try {
    parseCityFile(text, "broken.yaml");
  } catch (e) {
    if (e instanceof CityFileError) return e.issues;
    throw e;
  }
  throw new Error("the file was accepted");
}

describe("city files", () => {
  it.each(["pingliang.yaml", "taizhou.yaml"])("%s is a valid city", (name) => {
    const city = parseCityFile(read(name), name);
    expect(city.departments.filter((d) => d.kind === "office")).toHaveLength(1);
    expect(city.dispatch.length).toBeGreaterThan(0);
  });

  it("the two example cities share nothing but the shape", () => {
    const a = parseCityFile(read("pingliang.yaml"), "p");
    const b = parseCityFile(read("taizhou.yaml"), "t");
    const ids = (c: typeof a) => new Set([...c.regions.map((r) => r.code), ...c.departments.map((d) => d.id)]);
    expect([...ids(a)].filter((id) => ids(b).has(id))).toEqual([]);
  });

  it("names the file, line and field of a wrong value", () => {
    const text = read("taizhou.yaml").replace(
      'region: "321282", department: jingjiang',
      'region: "32128", department: jingjiang',
    );
    const line = text.split("\n").findIndex((l) => l.includes('"32128"')) + 1;
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ file: "broken.yaml", line, field: "dispatch[9].region" });
    expect(issue?.message).toMatch(/six digits/);
  });

  it("names a missing field, then references to nothing and duplicate ids", () => {
    const missing = read("taizhou.yaml").replace("  ratingCalendarDays: 5\n", "");
    expect(issuesOf(missing).map((i) => i.field)).toContain("timeLimits.ratingCalendarDays");
    const refs = read("taizhou.yaml")
      .replace("{ department: tz-gaj, name: 钱立新", "{ department: tz-police, name: 钱立新")
      .replace("id: gaogang,", "id: hailing,");
    expect(issuesOf(refs).map((i) => `${i.field}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        "spokespeople[1].department: no department tz-police",
        'departments[8].id: "hailing" is listed twice',
      ]),
    );
  });

  it("reports YAML syntax errors with their line, and unknown fields", () => {
    expect(issuesOf("city:\n  name: a: b\n")[0]).toMatchObject({ file: "broken.yaml", line: 2 });
    const extra = read("taizhou.yaml").replace("  maxExtensions: 1\n", "  maxExtensions: 1\n  maxExtention: 2\n");
    expect(issuesOf(extra)[0]?.field).toBe("timeLimits");
  });
});
