import { readFileSync } from "node:fs";
import { parseCsv } from "../../shared/routing/classifier/csv";
import { type BoardRow, columnsOf } from "./board-row";

/**
 * Wenzheng's own exchange format for any other board (a 领导留言板 export, a hotline's log …): a
 * CSV with a header or a JSON array of objects, with these columns (README "Importing a board's history").
 */
export const WENZHENG_COLUMNS = {
  id: "messageId",
  submitted_at: "submittedAt",
  title: "title",
  body: "body",
  region_code: "regionCode",
  place: "place",
  addressee: "addressee",
  type: "type",
  category: "category",
  department: "department",
  supporters: "supporters",
  reply_text: "replyText",
  reply_at: "replyAt",
  reply_outcome: "replyOutcome",
  is_public: "isPublic",
} as const satisfies Record<string, keyof BoardRow>;
type Column = keyof typeof WENZHENG_COLUMNS;
const REQUIRED: Column[] = ["id", "submitted_at", "title", "body"];

const isColumn = (name: string): name is Column => Object.hasOwn(WENZHENG_COLUMNS, name);

function checkColumns(names: Iterable<string>, file: string): void {
  const seen = new Set(names);
  const unknown = [...seen].filter((n) => !isColumn(n));
  if (unknown.length)
    throw new Error(
      `${file}: unknown column(s) ${unknown.join(", ")}; known: ${Object.keys(WENZHENG_COLUMNS).join(", ")}`,
    );
  const missing = REQUIRED.filter((c) => !seen.has(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(", ")}`);
}

function rowOf(file: string, row: number, values: Partial<Record<Column, string>>, problem?: string): BoardRow {
  const out: BoardRow = { file, row, messageId: "", submittedAt: "", title: "", body: "", problem };
  for (const [column, value] of Object.entries(values)) {
    if (value === undefined || !isColumn(column)) continue;
    const key = WENZHENG_COLUMNS[column];
    out[key] = key === "messageId" ? value.trim() : value;
  }
  return out;
}

function readCsv(text: string, file: string): BoardRow[] {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return [];
  const col = columnsOf(header);
  checkColumns(col.keys(), file);
  return records.flatMap((cells, i) => {
    if (i === 0 || (cells.length === 1 && cells[0] === "")) return [];
    const values: Partial<Record<Column, string>> = {};
    for (const [name, at] of col) if (isColumn(name)) values[name] = cells[at];
    const problem =
      cells.length === header.length ? undefined : `${cells.length} cells where the header has ${header.length}`;
    return [rowOf(file, i + 1, values, problem)];
  });
}

function readJson(text: string, file: string): BoardRow[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error(`${file}: a JSON import file is an array of messages`);
  const keys = new Set<string>(REQUIRED);
  for (const item of data) if (item && typeof item === "object") for (const k of Object.keys(item)) keys.add(k);
  checkColumns(keys, file);
  return data.map((item: unknown, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return rowOf(file, i + 1, {}, "not an object");
    const values: Partial<Record<Column, string>> = {};
    let problem: string | undefined;
    for (const [k, v] of Object.entries(item)) {
      if (!isColumn(k) || v === null) continue;
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") values[k] = String(v);
      else problem = `${k} is not a string, number or boolean`;
    }
    return rowOf(file, i + 1, values, problem);
  });
}

/** CSV unless the file is a JSON array (by its .json name or its first character). */
export function readWenzheng(text: string, file: string): BoardRow[] {
  const json = file.endsWith(".json") || text.trimStart().startsWith("[");
  return json ? readJson(text, file) : readCsv(text, file);
}

export function readWenzhengFile(file: string): BoardRow[] {
  return readWenzheng(readFileSync(file, "utf8"), file);
}
