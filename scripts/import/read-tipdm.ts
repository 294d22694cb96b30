import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../shared/routing/classifier/csv";
import { type BoardRow, columnsOf } from "./board-row";

/**
 * The 留言板 exports of the 2020 TipDM competition (attachments 3 and 4): UTF-8 RFC 4180 with
 * multi-line cells padded with tabs. 留言用户 is read only as a digest, to count distinct writers
 * (the opinion analysis); the import never sends it.
 */
const REQUIRED = ["留言编号", "留言主题", "留言时间", "留言详情"] as const;

export function readTipdm(text: string, file: string): BoardRow[] {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return [];
  const col = columnsOf(header);
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) throw new Error(`${file}: not a tipdm file, missing column(s) ${missing.join(", ")}`);
  const rows: BoardRow[] = [];
  records.forEach((cells, i) => {
    if (i === 0 || (cells.length === 1 && cells[0] === "")) return;
    const cell = (name: string): string | undefined => {
      const at = col.get(name);
      return at === undefined ? undefined : (cells[at] ?? "");
    };
    rows.push({
      file,
      row: i + 1,
      messageId: cell("留言编号")?.trim() ?? "",
      submittedAt: cell("留言时间") ?? "",
      title: cell("留言主题") ?? "",
      body: cell("留言详情") ?? "",
      author: authorDigest(cell("留言用户")),
      supporters: cell("点赞数"),
      against: cell("反对数"),
      replyText: cell("答复意见"),
      replyAt: cell("答复时间"),
      problem:
        cells.length === header.length ? undefined : `${cells.length} cells where the header has ${header.length}`,
    });
  });
  return rows;
}

function authorDigest(user: string | undefined): string | undefined {
  const id = user?.trim();
  return id ? createHash("sha256").update(id).digest("hex").slice(0, 16) : undefined;
}

export function readTipdmFile(file: string): BoardRow[] {
  return readTipdm(readFileSync(file, "utf8"), file);
}
