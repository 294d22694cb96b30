import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { parseCityFile } from "./city-file";
import { cityRows, removedButBusy } from "./city-rows";
import { citySql } from "./city-sql";

const root = path.resolve(import.meta.dirname, "../..");
const city = (name: string) => parseCityFile(readFileSync(path.join(root, "cities", name), "utf8"), name);

/** The real migrations in SQLite (what D1 runs), so the statements are checked against the real schema. */
function migrated(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  for (const file of readdirSync(path.join(root, "migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort())
    for (const statement of readFileSync(path.join(root, "migrations", file), "utf8").split("--> statement-breakpoint"))
      db.exec(statement);
  return db;
}
const load = (db: DatabaseSync, statements: string[]) => {
  for (const s of statements) db.exec(s);
};
const count = (db: DatabaseSync, table: string) =>
  Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
const snapshot = (db: DatabaseSync) =>
  Object.fromEntries(
    ["regions", "departments", "categories", "addressees", "routing_rules", "time_limit_rules", "evaluator_groups"].map(
      (t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()],
    ),
  );

describe("loading a city file", () => {
  it("puts every part of the city in its table, and a second load changes nothing", () => {
    const db = migrated();
    const statements = citySql(cityRows(city("taizhou.yaml"), "2026-12-07T00:00:00.000Z"));
    load(db, statements);
    expect(count(db, "regions")).toBe(7);
    expect(count(db, "departments")).toBe(13);
    expect(count(db, "routing_rules")).toBe(11);
    expect(count(db, "time_limit_rules")).toBe(24);
    expect(db.prepare("SELECT limit_value, escalation FROM time_limit_rules WHERE id = 'consult-reply'").get()).toEqual(
      {
        limit_value: 3,
        escalation: JSON.stringify({
          remind50: 0.5,
          remind75: 0.8,
          urge: 1,
          superviseAfterWorkingDays: 3,
          noticeAfterWorkingDays: 5,
        }),
      },
    );
    const first = snapshot(db);
    load(db, statements);
    expect(snapshot(db)).toEqual(first);
  });

  it("updates what changed and drops the 派单目录 lines and mailboxes the file no longer lists", () => {
    const db = migrated();
    load(db, citySql(cityRows(city("taizhou.yaml"), "2026-12-07T00:00:00.000Z")));
    const edited = city("taizhou.yaml");
    edited.departments = edited.departments.map((d) => (d.id === "tz-jyj" ? { ...d, name: "泰州市教育局（新）" } : d));
    edited.dispatch = edited.dispatch.filter((r) => r.category !== "schools");
    edited.mailboxes = [];
    load(db, citySql(cityRows(edited, "2026-12-08T00:00:00.000Z")));
    expect(db.prepare("SELECT name FROM departments WHERE id = 'tz-jyj'").get()).toEqual({
      name: "泰州市教育局（新）",
    });
    expect(count(db, "routing_rules")).toBe(10);
    expect(count(db, "addressees")).toBe(0);
    expect(count(db, "departments")).toBe(13);
  });

  it("quotes what people typed, apostrophes included", () => {
    const db = migrated();
    const c = city("taizhou.yaml");
    c.regions = c.regions.map((r) => (r.code === "321202" ? { ...r, nameEn: "Hailing'); DROP TABLE cases; --" } : r));
    load(db, citySql(cityRows(c, "2026-12-07T00:00:00.000Z")));
    expect(db.prepare("SELECT name_en FROM regions WHERE code = '321202'").get()).toEqual({
      name_en: "Hailing'); DROP TABLE cases; --",
    });
    expect(count(db, "cases")).toBe(0);
  });

  it("refuses to drop a department that still holds open cases, naming it and the count", () => {
    const c = city("taizhou.yaml");
    const counts = [
      { id: "tz-zjj", open: 4 },
      { id: "tz-old-bureau", open: 2 },
      { id: "tz-closed-bureau", open: 0 },
    ];
    expect(removedButBusy(c, counts)).toEqual([{ id: "tz-old-bureau", open: 2 }]);
  });
});
