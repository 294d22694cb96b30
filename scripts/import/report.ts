import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addMonths, periodOf } from "../../shared/clocks/period";
import type { ImportMeta } from "../../shared/import/import-item.schema";
import { catalogueDepartment } from "../../shared/import/import-references";
import type { Plan, Planned, Refusal } from "./plan";
import { REFUSAL_REASONS } from "./plan";

/** What a run prints: the refusals by reason, and for a dry run the month × unit table of assigned cases. */
const n = (x: number) => x.toLocaleString("en-US");
const FIRST_ROWS = 5;
/** The ranking's year: how the last twelve months look matters more than a board's thin early years. */
const RECENT_MONTHS = 12;

const csvCell = (v: string | number) =>
  /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);

/** Every refusal, one line each; rows, ids and reasons only, never a message's text. */
export function writeRefusals(file: string, refusals: readonly Refusal[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = [["file", "row", "message_id", "reason", "detail"].join(",")];
  for (const r of refusals) lines.push([r.file, r.row, r.messageId, r.reason, r.detail].map(csvCell).join(","));
  writeFileSync(file, `${lines.join("\n")}\n`);
}

export function refusalSummary(refusals: readonly Refusal[]): string[] {
  const byReason = new Map<Refusal["reason"], Refusal[]>();
  for (const r of refusals) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r]);
  return [...byReason].flatMap(([reason, list]) => [
    `  ${n(list.length).padStart(7)}  ${REFUSAL_REASONS[reason]}`,
    ...list
      .slice(0, FIRST_ROWS)
      .map((r) => `             ${path.basename(r.file)} row ${r.row} (${r.messageId}): ${r.detail}`),
    ...(list.length > FIRST_ROWS ? [`             … ${n(list.length - FIRST_ROWS)} more in the refusals file`] : []),
  ]);
}

export function planSummary(plan: Plan, files: number): string[] {
  return [
    `rows read         ${n(plan.rows).padStart(7)}  (${files} file${files === 1 ? "" : "s"})`,
    `importable        ${n(plan.items.length).padStart(7)}`,
    `refused           ${n(plan.refusals.length).padStart(7)}`,
    ...refusalSummary(plan.refusals),
    `反对数 (votes against) counted, not imported: ${n(plan.against)}`,
  ];
}

/**
 * A case counts for its department (named by the file or the mapping, else the one the server's
 * catalogue will choose, when the city's configuration is known) and for its county.
 */
export function unitsOf(p: Planned, meta?: ImportMeta): string[] {
  const units: string[] = [];
  const catalogue = meta ? catalogueDepartment(p.item, catalogueOf(meta)) : undefined;
  const department = p.item.departmentId ?? catalogue;
  if (department) units.push(department);
  else if (p.item.addressee) units.push(`mailbox:${p.item.addressee}`);
  // GB/T 2260: a code ending in 00 is the city itself, not a county.
  if (!p.item.regionCode.endsWith("00")) units.push(`region:${p.item.regionCode}`);
  return units;
}

export interface UnitTable {
  months: string[];
  units: string[];
  counts: Map<string, Map<string, number>>;
  /** Cases whose department the server's catalogue will choose (by category and region), by category. */
  unresolved: Map<string, number>;
}

/** The mailboxes and the routing catalogue out of the server's meta, as the import's resolution reads them. */
function catalogueOf(meta: ImportMeta) {
  return { mailboxes: new Map(meta.addressees.map((a) => [a.code, a.departmentId])), rules: meta.rules };
}

export function unitTable(items: readonly Planned[], meta?: ImportMeta): UnitTable {
  const counts = new Map<string, Map<string, number>>();
  const unresolved = new Map<string, number>();
  let first: string | null = null;
  let last: string | null = null;
  for (const p of items) {
    const month = periodOf(p.item.submittedAt);
    if (first === null || month < first) first = month;
    if (last === null || month > last) last = month;
    if (!p.item.departmentId && !p.item.addressee && !(meta && catalogueDepartment(p.item, catalogueOf(meta)))) {
      const category = p.item.category ?? "(no category)";
      unresolved.set(category, (unresolved.get(category) ?? 0) + 1);
    }
    for (const unit of unitsOf(p, meta)) {
      const row = counts.get(unit) ?? new Map<string, number>();
      row.set(month, (row.get(month) ?? 0) + 1);
      counts.set(unit, row);
    }
  }
  const months: string[] = [];
  for (let m = first; m !== null && last !== null && m <= last; m = addMonths(m, 1)) months.push(m);
  return { months, units: [...counts.keys()].sort(), counts, unresolved };
}

function unitName(unit: string, meta: ImportMeta | undefined): string {
  const [kind, code] = unit.includes(":") ? unit.split(":") : ["department", unit];
  if (kind === "region") return meta?.regions.find((r) => r.code === code)?.name ?? unit;
  if (kind === "mailbox") return meta?.addressees.find((a) => a.code === code)?.name ?? unit;
  return meta?.departments.find((d) => d.id === unit)?.name ?? unit;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const categoryName = (code: string, meta: ImportMeta | undefined) =>
  meta?.categories.find((c) => c.code === code)?.name ?? code;

export function tableLines(table: UnitTable, meta: ImportMeta | undefined, minSample: number): string[] {
  const keys = table.units.map((_, i) => `U${i + 1}`);
  const header = `month   ${keys.map((k) => k.padStart(5)).join("")}`;
  const rows = table.months.map(
    (m) => `${m} ${table.units.map((u) => String(table.counts.get(u)?.get(m) ?? 0).padStart(5)).join("")}`,
  );
  const legend = table.units.map((u, i) => {
    const perMonth = table.months.map((m) => table.counts.get(u)?.get(m) ?? 0);
    const under = perMonth.filter((c) => c < minSample).length;
    const recent = perMonth.slice(-RECENT_MONTHS);
    const recentUnder = recent.filter((c) => c < minSample).length;
    return `  ${(keys[i] ?? "").padEnd(4)} ${unitName(u, meta)}: under ${minSample} in ${under} of ${perMonth.length} months; last ${recent.length}: min ${Math.min(...recent)}, under in ${recentUnder}`;
  });
  return [
    `assigned cases per month and unit (department named by the file or mapping, and county):`,
    header,
    ...rows,
    ...legend,
    `  ${n(total(table.unresolved))} cases name no department: the server's routing catalogue picks one by category and region`,
    ...[...table.unresolved]
      .sort(([, a], [, b]) => b - a)
      .map(([c, k]) => `    ${n(k).padStart(7)}  ${categoryName(c, meta)}`),
  ];
}
