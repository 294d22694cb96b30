import type { Rankings } from "../../../../shared/scoring/rankings.schema";

/**
 * The rankings as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * mojibake), CRLF line ends, RFC 4180 quoting, and text cells that a spreadsheet would take for a
 * formula defused with a leading apostrophe.
 */
const HEADER = [
  "月份",
  "类别",
  "排名",
  "单位编号",
  "单位名称",
  "交办件数",
  "响应率",
  "按期办结率",
  "解决率",
  "满意率",
  "综合得分",
  "样本下限",
];
const KIND = { department: "部门", county: "县区" } as const;

function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function rankingsCsv(body: Rankings): string {
  const rows = body.units.map((u) => [
    body.period,
    KIND[u.kind],
    u.rank,
    u.unitId,
    u.name,
    u.sample,
    u.responseRate,
    u.onTimeRate,
    u.resolutionRate,
    u.satisfactionRate,
    u.score,
    body.minSample,
  ]);
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
