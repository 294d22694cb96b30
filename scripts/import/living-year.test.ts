import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEPARTMENTS, REGIONS } from "../../shared/demo/demo-city";
import { demoConfigRows } from "../../shared/demo/demo-config";
import { ImportItem, type ImportMeta } from "../../shared/import/import-item.schema";
import { livingYearItems, RAW_DIR } from "./living-year";

const AS_OF = Date.parse("2026-12-08T02:00:00Z");
const HOLIDAYS = path.resolve(import.meta.dirname, "../../../shared/data/holidays-cn.json");

/** The demo city's configuration as the import API's meta would give it. */
function demoMeta(): ImportMeta {
  const rows = demoConfigRows(JSON.parse(readFileSync(HOLIDAYS, "utf8")), new Date(AS_OF).toISOString());
  return {
    regions: rows.regions.map(({ code, name }) => ({ code, name })),
    categories: rows.categories.map(({ code, name }) => ({ code, name })),
    addressees: rows.addressees.map(({ code, name, departmentId }) => ({ code, name, departmentId })),
    departments: rows.departments.map((d) => ({
      id: d.id,
      name: d.name,
      regionCode: d.regionCode ?? null,
      spokesperson: true,
    })),
    rules: rows.routingRules.map(({ category, regionCode, departmentId }) => ({ category, regionCode, departmentId })),
    minSample: 10,
  };
}

const month = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

describe.skipIf(!existsSync(RAW_DIR))("the living year from the real board (../shared/data/raw)", () => {
  const { items, real } = livingYearItems(demoMeta(), AS_OF);

  it("re-dates over 6,000 real messages into the last twelve months, valid for the import", () => {
    expect(real).toBe(true);
    expect(items.length).toBeGreaterThan(6000);
    for (const item of items) {
      expect(ImportItem.safeParse(item).success, item.messageId).toBe(true);
      expect(Date.parse(item.submittedAt)).toBeLessThan(AS_OF);
      expect(Date.parse(item.submittedAt)).toBeGreaterThan(AS_OF - 366 * 86_400_000);
      // The data set's placeholders read as the demo city's names.
      expect(item.title).not.toMatch(/A[1-9][市区县]|A市|西地省/);
    }
  });

  it("gives every ranked department and county at least the minimum sample in most months", () => {
    const units = (item: ImportItem) => [item.departmentId ?? "", item.regionCode];
    const counts = new Map<string, Map<string, number>>();
    for (const item of items)
      for (const unit of units(item)) {
        const m = counts.get(unit) ?? new Map<string, number>();
        m.set(month(item.submittedAt), (m.get(month(item.submittedAt)) ?? 0) + 1);
        counts.set(unit, m);
      }
    const monthsAbove = (unit: string) => [...(counts.get(unit)?.values() ?? [])].filter((n) => n >= 10).length;
    const ranked = DEPARTMENTS.filter((d) => d.kind === "municipal" || d.kind === "county");
    for (const d of ranked) expect(monthsAbove(d.id), d.id).toBeGreaterThanOrEqual(8);
    for (const r of REGIONS) expect(monthsAbove(r.code), r.code).toBeGreaterThanOrEqual(10);
  });
});
