import { assessReply, REPLY_FLAGS, type ReplyFlag } from "../../shared/scoring/replies";
import { mostSimilar } from "./nearest";
import type { ReplyRow } from "./rows";

/**
 * How well the reply check tells a message's own reply from the reply written for the most similar
 * other message (same topic, usually another place or another detail), and how often it flags the
 * short and the long replies of a real board.
 */

/** Replies under this many characters (white space not counted) are "short", as the issue counts them. */
export const SHORT_REPLY = 60;

export interface FlagRates {
  n: number;
  meanScore: number;
  /** Share of replies with each flag, and with any. */
  rates: Record<ReplyFlag | "any", number>;
}

export interface RepliesEvaluation {
  replies: number;
  /** P(score of a real reply > score of a swapped one), ties counting half (Mann-Whitney). */
  auc: number;
  /** The same over the messages whose own reply is not flagged boilerplate. */
  aucSubstantive: { n: number; auc: number };
  /** Share of messages whose own reply outscores the swapped one (ties half). */
  pairedWins: number;
  /** Messages whose most similar neighbour got the very same reply text (a template): a tie by construction. */
  identicalReplies: number;
  short: FlagRates;
  long: FlagRates;
  swapped: FlagRates;
  msPerReply: number;
}

/** Area under the ROC curve of positives against negatives, ties counting half. */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  const all = [...positives.map((s) => ({ s, p: true })), ...negatives.map((s) => ({ s, p: false }))];
  all.sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.s === all[i]?.s) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k]?.p) rankSum += midRank;
    i = j + 1;
  }
  const np = positives.length;
  const nn = negatives.length;
  return np && nn ? (rankSum - (np * (np + 1)) / 2) / (np * nn) : Number.NaN;
}

function rates(checks: readonly { score: number; flags: readonly ReplyFlag[] }[]): FlagRates {
  const n = checks.length;
  const share = (f: (c: (typeof checks)[number]) => boolean) => (n ? checks.filter(f).length / n : 0);
  const byFlag = Object.fromEntries(REPLY_FLAGS.map((flag) => [flag, share((c) => c.flags.includes(flag))]));
  return {
    n,
    meanScore: n ? checks.reduce((s, c) => s + c.score, 0) / n : 0,
    rates: { ...byFlag, any: share((c) => c.flags.length > 0) } as FlagRates["rates"],
  };
}

export function evaluateReplies(all: readonly ReplyRow[]): RepliesEvaluation {
  const rows = all.filter((r) => r.reply.trim() !== "");
  const neighbour = mostSimilar(rows);
  const started = performance.now();
  const real = rows.map((r) => assessReply(r, r.reply));
  const swapped = rows.map((r, i) => assessReply(r, rows[neighbour[i] ?? i]?.reply ?? ""));
  const msPerReply = (performance.now() - started) / Math.max(1, 2 * rows.length);
  const substantive = rows.flatMap((_, i) => (real[i]?.flags.includes("boilerplate") ? [] : [i]));
  const pick = (checks: typeof real, at: number[]) => at.map((i) => checks[i]?.score ?? 0);
  const wins = rows.reduce((w, _, i) => {
    const [a, b] = [real[i]?.score ?? 0, swapped[i]?.score ?? 0];
    return w + (a > b ? 1 : a === b ? 0.5 : 0);
  }, 0);
  const compact = rows.map((r) => r.reply.replace(/\s/g, ""));
  const short = compact.map((text) => text.length < SHORT_REPLY);
  return {
    replies: rows.length,
    auc: auc(
      real.map((q) => q.score),
      swapped.map((q) => q.score),
    ),
    aucSubstantive: { n: substantive.length, auc: auc(pick(real, substantive), pick(swapped, substantive)) },
    pairedWins: rows.length ? wins / rows.length : Number.NaN,
    identicalReplies: compact.filter((text, i) => compact[neighbour[i] ?? i] === text).length,
    short: rates(real.filter((_, i) => short[i])),
    long: rates(real.filter((_, i) => !short[i])),
    swapped: rates(swapped),
    msPerReply,
  };
}
