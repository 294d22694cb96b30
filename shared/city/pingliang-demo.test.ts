import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HolidayFile } from "../clocks/holiday-file";
import { demoConfigRows } from "../demo/demo-config";
import { parseCityFile } from "./city-file";
import { cityRows } from "./city-rows";

const NOW = "2026-12-07T00:00:00.000Z";
const holidays = HolidayFile.parse(
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json"), "utf8")),
);
const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe("cities/pingliang.yaml", () => {
  it("holds exactly the demo city the seed loads (same regions, departments, mailboxes, 派单目录 and time limits)", () => {
    const file = cityRows(
      parseCityFile(
        readFileSync(path.resolve(import.meta.dirname, "../../cities/pingliang.yaml"), "utf8"),
        "pingliang",
      ),
      NOW,
    );
    const seed = demoConfigRows(holidays, NOW);
    expect(byKey(file.regions, (r) => r.code)).toEqual(byKey(seed.regions, (r) => r.code));
    expect(byKey(file.departments, (d) => d.id)).toEqual(byKey(seed.departments, (d) => d.id));
    expect(byKey(file.addressees, (a) => a.code)).toEqual(byKey(seed.addressees, (a) => a.code));
    expect(byKey(file.categories, (c) => c.code)).toEqual(byKey(seed.categories, (c) => c.code));
    const line = (r: { category: string; regionCode?: string }) => `${r.category}|${r.regionCode}`;
    expect(byKey(file.routingRules, line)).toEqual(byKey(seed.routingRules, line));
    expect(byKey(file.timeLimitRules, (r) => r.id)).toEqual(byKey(seed.rules, (r) => r.id));
  });
});
