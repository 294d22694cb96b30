import { type ReplyFlag, replyQuality } from "../../shared/scoring/replies";
import type { ReplyRow } from "./rows";

/** One row of `npm run replies:score`: the message id and the check of its reply. */
export interface ScoredReply {
  id: string;
  score: number;
  flags: ReplyFlag[];
}

export function scoreRows(rows: readonly ReplyRow[]): ScoredReply[] {
  return rows.map((r) => ({ id: r.id, ...replyQuality(r, r.reply) }));
}

const clip = (text: string, n: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** The readable form: one line a reply, the title last so the columns stay aligned. */
export function scoreTable(rows: readonly ReplyRow[], scored: readonly ScoredReply[]): string[] {
  const idWidth = Math.max(2, ...scored.map((s) => s.id.length));
  const lines = [`${"id".padEnd(idWidth)}  score  ${"flags".padEnd(34)}  title`];
  scored.forEach((s, i) => {
    const flags = s.flags.length ? s.flags.join(",") : "—";
    lines.push(
      `${s.id.padEnd(idWidth)}  ${s.score.toFixed(2)}   ${flags.padEnd(34)}  ${clip(rows[i]?.title ?? "", 30)}`,
    );
  });
  const flagged = scored.filter((s) => s.flags.length > 0).length;
  lines.push(`${scored.length} replies, ${flagged} flagged`);
  return lines;
}
