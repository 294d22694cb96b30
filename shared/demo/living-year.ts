import type { Rating, Resolution } from "../domain/case-model";
import type { ImportItem } from "../import/import-item.schema";
import { seededRandom } from "../seeded-random";
import { COUNTY_DEPARTMENT_BY_REGION } from "./demo-city";
import { assembledReply } from "./demo-replies";

/**
 * The demo city's living year: twelve months of history for `npm start`, so every page has real
 * content and every unit a sample worth ranking. From the real board in ../shared/data/raw when it
 * is there (re-dated into the last twelve months, its anonymised place names read as Pingliang's),
 * otherwise generated (living-year-generated.ts). Either way it enters through the board import,
 * like any city's history, under one source name.
 */
export const LIVING_YEAR_SOURCE = "pingliang-history";

export const DAY = 86_400_000;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;
const SHANGHAI = 8 * 3600_000;
const COUNTY_SHARE = 0.65;
const CITY_MATTERS = new Set(["pl-commerce", "pl-market"]);

/**
 * The published data set's placeholders (西地省, A市 and its districts A1区 … A9市) as the demo
 * city's names, longest first, matching the place mapping scripts/import/mappings/tipdm-pingliang.yaml
 * uses to choose each message's region.
 */
const PLACEHOLDERS: [RegExp, string][] = [
  [/西地省/g, "甘肃省"],
  [/A1区/g, "泾川县"],
  [/A2区/g, "灵台县"],
  [/A3区/g, "崆峒区"],
  [/A4区/g, "崇信县"],
  [/A5区/g, "华亭市"],
  [/A6区/g, "静宁县"],
  [/A7县/g, "庄浪县"],
  [/A8县/g, "静宁县"],
  [/A9市/g, "静宁县"],
  [/A市/g, "平凉市"],
];

export function asPingliang(text: string): string {
  return PLACEHOLDERS.reduce((t, [from, to]) => t.replace(from, to), text);
}

/** The same month, day and time of day (Beijing) in the twelve months before `nowMs`. */
export function intoLastYear(atMs: number, nowMs: number): number {
  const local = new Date(atMs + SHANGHAI);
  const year = new Date(nowMs + SHANGHAI).getUTCFullYear();
  for (const y of [year, year - 1]) {
    const t =
      Date.UTC(y, local.getUTCMonth(), local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()) - SHANGHAI;
    if (t <= nowMs - DAY && t > nowMs - YEAR) return t;
  }
  return nowMs - DAY; // the month and day of today: a day ago
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface Answering {
  /** A department's name, for the assembled replies of messages whose own answer is not known. */
  departmentName: (departmentId: string) => string;
  /** The department that answers a message without one (the catalogue's choice), if known. */
  departmentOf: (item: ImportItem) => string | undefined;
}

/**
 * The real board re-dated. Messages with votes (附件3, one year of 2019) move by whole weeks so the
 * newest falls three days ago, keeping the weekday rhythm; they get an assembled reply after a
 * delay drawn from the real replies'. Messages with replies (附件4, 2011–2020) keep month, day,
 * time and their real reply delay, in the last twelve months. A reply that would fall in the future
 * is left out: that message is still being handled. About 60 % of replies were rated.
 */
export function redatedHistory(
  votes: readonly ImportItem[],
  replies: readonly ImportItem[],
  nowMs: number,
  answering: Answering,
): ImportItem[] {
  const rand = seededRandom(2019);
  const delays = replies.flatMap((r) => (r.reply ? [Date.parse(r.reply.at) - Date.parse(r.submittedAt)] : []));
  const newest = Math.max(...votes.map((v) => Date.parse(v.submittedAt)));
  const shift = Math.floor((nowMs - 3 * DAY - newest) / WEEK) * WEEK;
  // Most of a county's matters are its own government's to answer (trade and market regulation stay
  // with the city's bureaus, which have few messages); the board names only the city's bureaus, so
  // without this the counties would answer nothing.
  const answeredBy = (item: ImportItem) => {
    const department = item.departmentId ?? answering.departmentOf(item);
    const county = item.addressee ? undefined : COUNTY_DEPARTMENT_BY_REGION[item.regionCode];
    if (county && !(department && CITY_MATTERS.has(department)) && rand() < COUNTY_SHARE) return county;
    return department;
  };
  const out: ImportItem[] = [];
  for (const vote of votes) {
    const at = Date.parse(vote.submittedAt) + shift;
    if (at <= nowMs - YEAR) continue;
    const title = asPingliang(vote.title);
    const departmentId = answeredBy(vote);
    const delay = delays.length ? (delays[Math.floor(rand() * delays.length)] ?? 7 * DAY) : 7 * DAY;
    const reply = departmentId
      ? { ...assembledReply(title, departmentId, answering.departmentName(departmentId), rand), at: iso(at + delay) }
      : undefined;
    out.push(
      finished(
        { ...vote, departmentId, submittedAt: iso(at), title, body: asPingliang(vote.body), reply },
        nowMs,
        rand,
      ),
    );
  }
  for (const item of replies) {
    const at = intoLastYear(Date.parse(item.submittedAt), nowMs);
    const delay = item.reply ? Date.parse(item.reply.at) - Date.parse(item.submittedAt) : 0;
    const reply = item.reply ? { ...item.reply, text: asPingliang(item.reply.text), at: iso(at + delay) } : undefined;
    const departmentId = answeredBy(item);
    out.push(
      finished(
        {
          ...item,
          ...(departmentId ? { departmentId } : {}),
          submittedAt: iso(at),
          title: asPingliang(item.title),
          body: asPingliang(item.body),
          reply,
        },
        nowMs,
        rand,
      ),
    );
  }
  return out.sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
}

const VERDICTS: [number, Rating, Resolution][] = [
  [0.55, "satisfied", "solved"],
  [0.8, "basically_satisfied", "partly_solved"],
  [1, "dissatisfied", "not_solved"],
];

/** Drops a reply dated after now, and lets about 60 % of the citizens rate theirs within a few days. */
export function finished(item: ImportItem, nowMs: number, rand: () => number): ImportItem {
  const { reply, rating: _none, ...rest } = item;
  if (!reply || Date.parse(reply.at) > nowMs) return rest;
  const ratedAt = Date.parse(reply.at) + (0.1 + rand() * 2.5) * DAY;
  if (rand() >= 0.6 || ratedAt > nowMs) return { ...rest, reply };
  const draw = rand();
  const [, rating, resolution] = VERDICTS.find(([upTo]) => draw < upTo) ?? VERDICTS[0] ?? [1, "satisfied", "solved"];
  return { ...rest, reply, rating: { rating, resolution, at: iso(ratedAt) } };
}
