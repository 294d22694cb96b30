/**
 * A small RFC 4180 CSV reader: quoted fields may hold commas, newlines and doubled quotes.
 * Hand-written because the project avoids a dependency for one file format, and because the
 * competition data has multi-line 留言详情 fields that naive line splitting breaks. No Node
 * APIs, so a Worker can read the same exports the training CLI reads.
 */

/** Parses CSV text into rows of fields. Accepts \n, \r\n and \r line ends and an optional BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  // A field counts as started once a char or separator was seen, so a final line without a
  // newline is kept but a trailing newline does not produce an empty extra row.
  let rowStarted = false;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      rowStarted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      rowStarted = true;
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      rowStarted = false;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      rowStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error("CSV ends inside a quoted field");
  if (rowStarted) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface LabelledMessage {
  /** 1-based index among data rows, as written to --predictions. */
  row: number;
  text: string;
  /** Empty when the file has no 一级标签 column or the cell is blank. */
  label: string;
}

/**
 * Reads messages from the competition's column layout: 文本 when present and non-empty,
 * otherwise 留言主题 + 留言详情 (whitespace removed, as the shared file builds 文本).
 */
export function readMessages(text: string): LabelledMessage[] {
  const rows = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ""));
  const header = rows[0];
  if (!header) return [];
  const col = (name: string): number => header.findIndex((h) => h.trim() === name);
  const textCol = col("文本");
  const subjectCol = col("留言主题");
  const detailCol = col("留言详情");
  const labelCol = col("一级标签");
  if (textCol < 0 && subjectCol < 0 && detailCol < 0) {
    throw new Error("CSV needs a 文本 column or 留言主题 + 留言详情 columns");
  }
  return rows.slice(1).map((r, i) => {
    const cell = (c: number): string => (c >= 0 ? (r[c] ?? "") : "");
    let body = cell(textCol);
    if (body.trim() === "") body = (cell(subjectCol) + cell(detailCol)).replace(/\s+/g, "");
    return { row: i + 1, text: body, label: cell(labelCol).trim() };
  });
}
