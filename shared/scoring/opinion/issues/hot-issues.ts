import { type GroupingOptions, groupMessages } from "./grouping";
import { heatIndex } from "./heat";
import { issueLabel } from "./label";
import { placeLexicon, placeText } from "./places";
import { addInto, dotsWithMap, EMPTY } from "./sparse";
import { type Prepared, prepare, titlePhrases, weigh } from "./vectors";

/**
 * 热点问题: the period's messages grouped into issues (one problem at one place), each named and
 * ranked by heat. Pure: the evaluation Worker's analysis and `npm run opinion` run this same
 * function, the one over D1's cases, the other over a board's CSV.
 */

export interface IssueMessage {
  id: string;
  title: string;
  body: string;
  /** ISO time the message was written. */
  at: string;
  /** An opaque key of the writer (a digest), for counting distinct people; absent = each message its own. */
  author?: string;
  /** 附议 / 点赞. */
  supporters?: number;
  regionCode?: string;
}

export interface HotIssue {
  label: string;
  heat: number;
  messages: number;
  petitioners: number;
  supporters: number;
  firstAt: string;
  lastAt: string;
  /** The region most of its messages belong to, when the messages carry one. */
  regionCode: string | null;
  /** Member message ids, the most representative first, then by time. */
  ids: string[];
}

export interface HotIssueOptions {
  /** Region names to treat as boundaries of place names (崆峒区, 平凉市). */
  regions?: readonly string[];
  /** The city's known place and organisation names, kept whole. */
  places?: readonly string[];
  organisations?: readonly string[];
  /** The analysed window, for growth; default the first and last message. */
  windowStart?: string;
  windowEnd?: string;
  grouping?: Partial<GroupingOptions>;
}

/**
 * How much of a body the grouping reads: letters state the problem first; what follows (history,
 * pleas, thanks) costs memory a month of a large city cannot spare and adds little signal.
 */
export const BODY_CHARS = 500;
/** A feature in more than this share of the batch is too common to link two messages. */
const MAX_FEATURE_SHARE = 0.05;
/** An issue is named after a site only when this share of its messages name it first. */
const SITE_SHARE = 0.3;

/** The value most entries have (ties: the smaller), if at least `share` of the entries have it. */
function mostCommon(values: readonly (string | undefined)[], share = 0): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [v, c] of counts) if (c > n || (c === n && best !== null && v < best)) [best, n] = [v, c];
  return n > 0 && n >= share * values.length ? best : null;
}

/** All issues of the batch, hottest first (ties by earliest message, then id). */
export function hotIssues(messages: readonly IssueMessage[], options: HotIssueOptions = {}): HotIssue[] {
  if (messages.length === 0) return [];
  const names = {
    regions: options.regions ?? [],
    places: options.places ?? [],
    organisations: options.organisations ?? [],
  };
  const regionNames = [...names.regions].sort((a, b) => b.length - a.length);
  const opening = (m: IssueMessage) => ({ title: m.title, body: m.body.slice(0, BODY_CHARS) });
  const lexicon = placeLexicon(
    (function* () {
      for (const m of messages) yield placeText(`${m.title}\n${opening(m).body}`, names.regions);
    })(),
    [...names.places],
  );
  const phrases = titlePhrases(messages.map((m) => placeText(m.title, names.regions)));
  const prepared: Prepared[] = messages.map((m) => prepare(opening(m), lexicon, phrases, names));
  weigh(prepared, MAX_FEATURE_SHARE);
  const times = messages.map((m) => m.at).sort();
  const windowStart = options.windowStart ?? times[0] ?? "";
  const windowEnd = options.windowEnd ?? times.at(-1) ?? "";

  const issues = groupMessages(prepared, options.grouping).map((group): HotIssue & { first: number } => {
    const members = group.map((i) => messages[i]).filter((m): m is IssueMessage => m !== undefined);
    const centroid = new Map<number, number>();
    for (const i of group) addInto(centroid, prepared[i]?.vec ?? EMPTY);
    const titled = group.map((i) => (prepared[i]?.titled ? prepared[i]?.sites[0] : undefined));
    const site = mostCommon(titled, SITE_SHARE) ?? undefined;
    // The representative: closest to the group's centre, preferring one whose title names the site.
    const closeness = (i: number) =>
      dotsWithMap(prepared[i]?.vec ?? EMPTY, centroid).all +
      (site && messages[i]?.title.toLowerCase().includes(site) ? 1 : 0);
    const rep = [...group].sort((a, b) => closeness(b) - closeness(a) || a - b)[0] ?? group[0] ?? 0;
    const representative = messages[rep] ?? members[0];
    const at = members.map((m) => m.at).sort();
    const authors = new Set(members.map((m) => m.author ?? `#${m.id}`));
    const firstAt = at[0] ?? "";
    const lastAt = at.at(-1) ?? "";
    const supporters = members.reduce((n, m) => n + Math.max(0, m.supporters ?? 0), 0);
    const heat = heatIndex({
      messages: members.length,
      petitioners: authors.size,
      supporters,
      firstAt,
      lastAt,
      times: at,
      windowStart,
      windowEnd,
    });
    const byTime = members
      .filter((m) => m !== representative)
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    return {
      label: representative ? issueLabel(members, representative, site, regionNames) : "",
      heat,
      messages: members.length,
      petitioners: authors.size,
      supporters,
      firstAt,
      lastAt,
      regionCode: mostCommon(members.map((m) => m.regionCode)),
      ids: [...(representative ? [representative.id] : []), ...byTime.map((m) => m.id)],
      first: Date.parse(firstAt),
    };
  });
  return issues
    .sort((a, b) => b.heat - a.heat || a.first - b.first || (a.ids[0] ?? "").localeCompare(b.ids[0] ?? ""))
    .map(({ first: _, ...issue }) => issue);
}
