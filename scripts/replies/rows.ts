import { existsSync } from "node:fs";
import type { BoardRow } from "../import/board-row";
import { readTipdmFile } from "../import/read-tipdm";
import { readWenzhengFile } from "../import/read-wenzheng";

/** A message and the reply it got, as the reply CLIs read them: through the board import's own readers. */
export interface ReplyRow {
  id: string;
  title: string;
  body: string;
  reply: string;
}

export interface ReadReplies {
  rows: ReplyRow[];
  /** Records the reader marked as broken (wrong number of cells), by spreadsheet row: skipped. */
  skipped: { row: number; problem: string }[];
}

export function readReplies(file: string, format: "tipdm" | "wenzheng"): ReadReplies {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const board: BoardRow[] = format === "tipdm" ? readTipdmFile(file) : readWenzhengFile(file);
  // A reader leaves replyText undefined when the file has no reply column at all (a votes export).
  if (board.length > 0 && board.every((r) => r.replyText === undefined))
    throw new Error(`${file}: no replies in this file (${format === "tipdm" ? "答复意见" : "reply_text"} column)`);
  const rows: ReplyRow[] = [];
  const skipped: ReadReplies["skipped"] = [];
  for (const r of board) {
    if (r.problem) skipped.push({ row: r.row, problem: r.problem });
    else rows.push({ id: r.messageId, title: r.title, body: r.body, reply: r.replyText ?? "" });
  }
  return { rows, skipped };
}
