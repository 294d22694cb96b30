/**
 * One message as a reader found it, every value still the file's own text: plan.ts decides what it
 * means or refuses it. A board's user names (留言用户) enter a row only as a digest.
 */
export interface BoardRow {
  file: string;
  /** The spreadsheet row (CSV record counting the header as 1) or the JSON array position (from 1). */
  row: number;
  messageId: string;
  submittedAt: string;
  title: string;
  body: string;
  /** A digest of the board's user id (留言用户), only for counting distinct writers; never sent. */
  author?: string;
  regionCode?: string;
  place?: string;
  addressee?: string;
  type?: string;
  category?: string;
  department?: string;
  supporters?: string;
  /** 反对数: counted in the summary, never sent. */
  against?: string;
  replyText?: string;
  replyAt?: string;
  replyOutcome?: string;
  isPublic?: string;
  /** Set by a reader when the record itself is broken (a CSV line with the wrong number of cells). */
  problem?: string;
}

/** A header's columns by name, so readers look cells up by column, not by position. */
export function columnsOf(header: string[]): Map<string, number> {
  return new Map(header.map((h, i) => [h.trim().replace(/^\ufeff/, ""), i]));
}
