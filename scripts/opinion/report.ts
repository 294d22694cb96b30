import { hotIssues } from "../../shared/scoring/opinion/issues/hot-issues";
import { readTipdmFile } from "../import/read-tipdm";
import { boardMessages } from "./board-messages";

/** What `npm run opinion` prints: the period and its top issues with their source message ids. */
export interface OpinionReport {
  from: string | null;
  to: string | null;
  messages: number;
  issues: {
    rank: number;
    label: string;
    heat: number;
    messages: number;
    supporters: number;
    firstAt: string;
    lastAt: string;
    ids: string[];
  }[];
}

export const TOP_ISSUES = 20;

export function opinionReport(file: string, from?: string, to?: string, top = TOP_ISSUES): OpinionReport {
  const board = boardMessages(readTipdmFile(file), from, to);
  const issues = hotIssues(board.messages, { windowStart: board.windowStart, windowEnd: board.windowEnd });
  return {
    from: from ?? null,
    to: to ?? null,
    messages: board.messages.length,
    issues: issues.slice(0, top).map((i, k) => ({
      rank: k + 1,
      label: i.label,
      heat: i.heat,
      messages: i.messages,
      supporters: i.supporters,
      firstAt: i.firstAt,
      lastAt: i.lastAt,
      ids: i.ids,
    })),
  };
}

export function reportTable(r: OpinionReport): string {
  const lines = [`${r.from ?? "…"} – ${r.to ?? "…"}: ${r.messages} messages`, ""];
  lines.push("rank  heat   msgs  supp  first       last        issue");
  for (const i of r.issues) {
    lines.push(
      `${String(i.rank).padStart(4)}  ${i.heat.toFixed(1).padStart(5)}  ${String(i.messages).padStart(4)}  ${String(i.supporters).padStart(4)}  ${i.firstAt.slice(0, 10)}  ${i.lastAt.slice(0, 10)}  ${i.label}`,
    );
  }
  return lines.join("\n");
}
