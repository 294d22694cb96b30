import { overlap, pairsOf, plain } from "./text";

/**
 * Does a reply address this message's place and problem? Three measures, each 0…1:
 * - `title`: the share of the title's character pairs the reply contains. A citizen's title is
 *   the case in a line, place and problem ("A3区潇楚南路洋湖段怎么还没修好"), so a reply written
 *   for it repeats most of it, and a reply written for another message repeats little.
 * - `focus`: the share of the reply's case-specific pairs (its substance) that come from the
 *   message: a reply about another case is full of that case's names and facts.
 * - `place`: how many of the places the reply names are this message's, smoothed so that a reply
 *   naming none sits in the middle (0.5) rather than at either end.
 */

export interface Relevance {
  title: number;
  focus: number;
  place: number;
  /** Places the reply's substance names that the message names too, and those it does not. */
  places: { own: number; other: number };
  /** Pairs the substance shares with the message. */
  sharedPairs: number;
}

// A place as people write it: two to four characters before a place word (伊景园滨河苑, 洋湖壹号小区).
const PLACE =
  /[\u3400-\u9fffa-z0-9]{2,4}(?:小区|社区|街道|大道|公路|广场|公园|花园|家园|新城|幼儿园|小学|中学|大学|学校|医院|公司|村|镇|乡|路|街|苑|站|桥)/g;
// What stands before a place word without naming one: 该小区, 周边小区, 所在社区, 城区道路.
const NOT_A_NAME = /[该本此这那其各每全原新我您你他周附所在上下内外]|有关|相关|市区|城区/;

export function placesOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of plain(text).matchAll(PLACE)) {
    const name = m[0];
    if (!NOT_A_NAME.test(name.slice(0, -1))) out.add(name);
  }
  return [...out];
}

export function relevanceOf(message: { title: string; body: string }, reply: string, substance: string): Relevance {
  const titlePairs = pairsOf(message.title);
  const messagePairs = pairsOf(`${message.title} ${message.body}`);
  const substancePairs = pairsOf(substance);
  const sharedPairs = overlap(substancePairs, messagePairs);
  const places = { own: 0, other: 0 };
  for (const name of placesOf(substance)) {
    const pairs = pairsOf(name);
    // Most of the name's pairs in the message: the same place, even spelt a little differently.
    if (overlap(pairs, messagePairs) * 2 >= pairs.size) places.own++;
    else places.other++;
  }
  return {
    title: titlePairs.size ? overlap(titlePairs, pairsOf(reply)) / titlePairs.size : 0,
    focus: substancePairs.size ? sharedPairs / substancePairs.size : 0,
    place: (places.own + 0.5) / (places.own + places.other + 1),
    places,
    sharedPairs,
  };
}
