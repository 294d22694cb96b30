import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { parseCityFile } from "./city-file";
import { cityRows, removedButBusy } from "./city-rows";
import { citySql } from "./city-sql";

const AT = "2026-12-07T00:00:00.000Z";
const LATER = "2026-12-08T00:00:00.000Z";
const LOAD = { at: AT, file: "taizhou.yaml", region: "321200" };
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
    const statements = citySql(cityRows(city("taizhou.yaml"), AT), LOAD);
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

  it("updates what changed, drops the 派单目录 lines it no longer lists and deactivates the mailboxes and departments", () => {
    const db = migrated();
    load(db, citySql(cityRows(city("taizhou.yaml"), AT), LOAD));
    const edited = city("taizhou.yaml");
    edited.departments = edited.departments.map((d) => (d.id === "tz-jyj" ? { ...d, name: "泰州市教育局（新）" } : d));
    edited.dispatch = edited.dispatch.filter((r) => r.category !== "schools");
    edited.mailboxes = [];
    const dropped = edited.departments.find((d) => d.id === "tz-mayor"); // its mailbox went above
    edited.departments = edited.departments.filter((d) => d !== dropped);
    load(db, citySql(cityRows(edited, LATER), { ...LOAD, at: LATER }));
    expect(db.prepare("SELECT name FROM departments WHERE id = 'tz-jyj'").get()).toEqual({
      name: "泰州市教育局（新）",
    });
    expect(count(db, "routing_rules")).toBe(10);
    expect(db.prepare("SELECT count(*) AS n FROM addressees WHERE deactivated_at = ?").get(LATER)).toEqual({
      n: city("taizhou.yaml").mailboxes.length,
    });
    expect(count(db, "departments")).toBe(13);
    expect(db.prepare("SELECT deactivated_at FROM departments WHERE id = ?").get(dropped?.id ?? "")).toEqual({
      deactivated_at: LATER,
    });
    // Listed again: active again.
    load(db, citySql(cityRows(city("taizhou.yaml"), LATER), { ...LOAD, at: "2026-12-09T00:00:00.000Z" }));
    expect(db.prepare("SELECT count(*) AS n FROM departments WHERE deactivated_at IS NOT NULL").get()).toEqual({
      n: 0,
    });
    expect(count(db, "audit_log")).toBe(3);
  });

  it("makes each spokesperson an account without a password, and keeps an existing account's password", () => {
    const db = migrated();
    load(db, citySql(cityRows(city("taizhou.yaml"), AT), LOAD));
    const accounts = db
      .prepare("SELECT username, role, password_hash, password_change_required FROM users ORDER BY username")
      .all();
    expect(accounts.length).toBe(city("taizhou.yaml").spokespeople.length);
    expect(
      accounts.every((a) => a.role === "spokesperson" && a.password_hash === "!" && a.password_change_required === 1),
    ).toBe(true);
    db.prepare("UPDATE users SET password_hash = 'set-by-its-owner', password_change_required = 0").run();
    const renamed = city("taizhou.yaml");
    renamed.spokespeople = renamed.spokespeople.map((s, i) => (i === 0 ? { ...s, title: "新职务" } : s));
    load(db, citySql(cityRows(renamed, LATER), { ...LOAD, at: LATER }));
    expect(db.prepare("SELECT count(*) AS n FROM users WHERE password_hash = 'set-by-its-owner'").get()).toEqual({
      n: accounts.length,
    });
    expect(db.prepare("SELECT count(*) AS n FROM users WHERE public_title = '新职务'").get()).toEqual({ n: 1 });
  });

  it("keeps the audit log append-only", () => {
    const db = migrated();
    load(db, citySql(cityRows(city("taizhou.yaml"), AT), LOAD));
    expect(() => db.exec("UPDATE audit_log SET actor_name = 'someone else'")).toThrow(/append-only/);
    expect(() => db.exec("DELETE FROM audit_log")).toThrow(/append-only/);
    expect(count(db, "audit_log")).toBe(1);
  });

  it("quotes what people typed, apostrophes included", () => {
    const db = migrated();
    const c = city("taizhou.yaml");
    c.regions = c.regions.map((r) => (r.code === "321202" ? { ...r, nameEn: "Hailing'); DROP TABLE cases; --" } : r));
    load(db, citySql(cityRows(c, AT), LOAD));
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
