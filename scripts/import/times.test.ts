import { describe, expect, it } from "vitest";
import { parseBoardTime } from "./times";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const ok = (raw: string) => {
  const t = parseBoardTime(raw, NOW);
  if (!t.ok) throw new Error(`refused ${raw}: ${t.problem}`);
  return t.iso;
};
const problem = (raw: string) => {
  const t = parseBoardTime(raw, NOW);
  if (t.ok) throw new Error(`accepted ${raw} as ${t.iso}`);
  return t.problem;
};

describe("board times (Beijing time, fixed +08:00)", () => {
  it("reads Y/M/D and Y-M-D with one- or two-digit fields, with or without seconds", () => {
    expect(ok("2019/2/28 11:25:05")).toBe("2019-02-28T11:25:05+08:00");
    expect(ok("2019/1/8 9:05")).toBe("2019-01-08T09:05:00+08:00");
    expect(ok("2019-01-08 09:05:59")).toBe("2019-01-08T09:05:59+08:00");
    expect(ok("2019-1-8 0:00")).toBe("2019-01-08T00:00:00+08:00");
    expect(ok("  2020/12/31 23:59:59 ")).toBe("2020-12-31T23:59:59+08:00");
    expect(ok("2020/2/29 12:00")).toBe("2020-02-29T12:00:00+08:00");
  });

  it("reads ISO 8601 with an offset and converts it to Beijing time", () => {
    expect(ok("2019-02-28T11:25:05+08:00")).toBe("2019-02-28T11:25:05+08:00");
    expect(ok("2019-02-28T03:25:05Z")).toBe("2019-02-28T11:25:05+08:00");
    expect(ok("2019-02-28T03:25:05.250Z")).toBe("2019-02-28T11:25:05+08:00");
    expect(ok("2019-02-27T22:25-05:00")).toBe("2019-02-28T11:25:00+08:00");
  });

  it("refuses a date without a time, an hour without minutes and ISO without an offset", () => {
    expect(problem("2019/09/05")).toMatch(/date but no time/);
    expect(problem("2018-4-24")).toMatch(/date but no time/);
    expect(problem("2019/1/8 9")).toMatch(/hour but no minutes/);
    expect(problem("2019-02-28T11:25:05")).toMatch(/no offset/);
  });

  it("refuses dates and times that do not exist", () => {
    expect(problem("2019/2/30 10:00")).toMatch(/not a real date/);
    expect(problem("2019/2/29 10:00")).toMatch(/not a real date/);
    expect(problem("2019/13/1 10:00")).toMatch(/not a real date/);
    expect(problem("2019/1/1 24:00")).toMatch(/not a real date/);
    expect(problem("2019/1/1 10:60")).toMatch(/not a real date/);
    expect(problem("2019-02-30T10:00:00+08:00")).toMatch(/not a real date/);
  });

  it("refuses times before 2004 (no official calendar) and in the future", () => {
    expect(problem("2003/12/31 23:59")).toMatch(/before 2004/);
    expect(ok("2004/1/1 0:00")).toBe("2004-01-01T00:00:00+08:00");
    // 2003-12-31 20:00 UTC is already 2004 in Beijing.
    expect(ok("2003-12-31T16:00:00Z")).toBe("2004-01-01T00:00:00+08:00");
    expect(problem("2026/12/1 8:00:01")).toMatch(/future/);
    expect(ok("2026/12/1 8:00:00")).toBe("2026-12-01T08:00:00+08:00");
  });

  it("refuses what it cannot read at all", () => {
    expect(problem("")).toBe("empty");
    expect(problem("昨天下午")).toMatch(/not a time/);
    expect(problem("05/09/2019 10:00")).toMatch(/not a time/);
    expect(problem("2019年9月5日 10:00")).toMatch(/not a time/);
  });
});
