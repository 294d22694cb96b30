import * as z from "zod";
import { type OutcomeKind, outcomeKinds } from "./outcome";
import { type Relevance, relevanceOf } from "./relevance";
import { contentTerms, substanceOf } from "./template";

/**
 * Reply quality (答复质量): a score in 0…1 and flags for a draft reply against the message it
 * answers, so a spokesperson sees "已收悉" for what it is before publishing it. Pure and fast (0.5–1.2
 * ms a reply on this machine, in Node): Intl.Segmenter through the opinion analysis' extractTerms, regular
 * expressions and sets of character pairs; no model, no corpus statistics.
 *
 * 1. Substance (template.ts). The reply is split into clauses. A clause is template when it thanks,
 *    wishes or closes (感谢, 谢谢, 祝您, 此复), when it only passes the case on (已转有关部门 / 已转市
 *    住建局调查处理), or when no word in it is more than letter or reply boilerplate (您好, 来信收悉,
 *    现将有关情况回复如下, 高度重视: the opinion analysis' stop words plus a reply list in text.ts).
 *    Handles (“UU0081893”), the signature date and office, and a quotation of the message's own title
 *    go too. What is left is the substance; its distinct words are counted.
 * 2. Relevance (relevance.ts): 0.5 × title + 0.3 × focus + 0.2 × place, each 0…1 — the share of the
 *    title's character pairs in the reply, the share of the substance's pairs that come from the
 *    message, and how many of the places the substance names are the message's own.
 * 3. Outcome (outcome.ts): which of result, measure, named unit and time the reply states.
 *
 * Flags:
 * - `boilerplate`: fewer than 3 substance words, or fewer than 8 and nothing tying them to the message
 *   (no word of the message, no 2 of its character pairs, none of its places): says nothing case-specific.
 * - `off_topic`: a reply with substance whose relevance is under 0.1 — it talks about a case, not
 *   this one. Not set on boilerplate, which says nothing at all.
 * - `no_outcome`: no result, measure or time in the substance, and no unit named anywhere in the reply.
 *
 * Score = onCase² × said × committed, where onCase = min(1, relevance / 0.35), said = 0.25 + 0.75 ×
 * (1 − e^(−words/6)) and committed = 0.5 + 0.25 × (outcome kinds, at most 2). Squaring onCase puts a
 * reply written for another case near 0 even when it is long and concrete; a reply with nothing
 * but template keeps at most a quarter; one that states no outcome keeps at most half.
 *
 * Measured on the 2,816 real replies of the TipDM board with `npm run replies:eval` (README "Reply
 * quality"): the thresholds were set there, so those figures are not an independent test.
 */

export const REPLY_FLAGS = ["boilerplate", "off_topic", "no_outcome"] as const;
export type ReplyFlag = (typeof REPLY_FLAGS)[number];

/** What is kept of a check: carried by the `case.reply_published` event and counted by the rollups. */
export const ReplyQuality = z.strictObject({
  score: z.number().min(0).max(1),
  flags: z.array(z.enum(REPLY_FLAGS)),
});
export type ReplyQuality = z.infer<typeof ReplyQuality>;

export interface ReplyMessage {
  title: string;
  body: string;
}

/** The check with the evidence behind it, for the page that explains a flag. */
export interface ReplyAssessment extends ReplyQuality {
  /** Case-specific words left once the template is taken out. */
  substanceWords: number;
  echoesTitle: boolean;
  relevance: Relevance;
  /** The weighted relevance the flags and the score use, 0…1. */
  onTopic: number;
  /** onTopic against what a good reply reaches (FULL_RELEVANCE), 0…1: what a page shows as "relevance". */
  onCase: number;
  outcome: OutcomeKind[];
}

const MIN_SUBSTANCE = 3;
const SPECIFIC_SUBSTANCE = 8;
const OFF_TOPIC_BELOW = 0.1;
/** Relevance at which a reply counts as fully on the case: a good reply does not repeat the whole message. */
const FULL_RELEVANCE = 0.35;

const round2 = (x: number) => Math.round(x * 100) / 100;

export function assessReply(message: ReplyMessage, reply: string): ReplyAssessment {
  const substance = substanceOf(reply, message.title);
  const relevance = relevanceOf(message, reply, substance.text);
  const outcome = outcomeKinds(substance.text, substance.body);
  const words = substance.terms.length;
  const messageWords = new Set(contentTerms(`${message.title} ${message.body}`));
  const tied =
    substance.terms.some((t) => messageWords.has(t)) || relevance.sharedPairs >= 2 || relevance.places.own > 0;
  const boilerplate = words < MIN_SUBSTANCE || (!tied && words < SPECIFIC_SUBSTANCE);
  const onTopic = 0.5 * relevance.title + 0.3 * relevance.focus + 0.2 * relevance.place;
  const flags: ReplyFlag[] = [];
  if (boilerplate) flags.push("boilerplate");
  if (!boilerplate && onTopic < OFF_TOPIC_BELOW) flags.push("off_topic");
  if (outcome.length === 0) flags.push("no_outcome");
  const onCase = Math.min(1, onTopic / FULL_RELEVANCE);
  const said = 0.25 + 0.75 * (1 - Math.exp(-words / 6));
  const committed = 0.5 + 0.25 * Math.min(2, outcome.length);
  return {
    score: round2(onCase ** 2 * said * committed),
    flags,
    substanceWords: words,
    echoesTitle: substance.echoesTitle,
    relevance,
    onTopic,
    onCase,
    outcome,
  };
}

/** The part of the check that is kept (the event payload), without the evidence. */
export function replyQuality(message: ReplyMessage, reply: string): ReplyQuality {
  const { score, flags } = assessReply(message, reply);
  return { score, flags };
}
