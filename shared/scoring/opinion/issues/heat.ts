/**
 * 热度指数 of an issue: how many people it moves, how long it lasts, and whether it is growing.
 *
 *   heat = 10·ln(1 + petitioners)          distinct people who wrote (the strongest signal)
 *        +  4·ln(1 + messages − petitioners) re-posts and follow-ups by the same people
 *        +  3·ln(1 + supporters)            附议 / 点赞: people who share it without writing
 *        +  3·ln(1 + span in days)          a problem that persists (only with 2+ people)
 *        +  5·min(3, log2(growth))          the last 7 days against the weeks before (3+ messages)
 *
 * Each signal is log-scaled so no single one drowns the others: a lone message with 2,000 likes
 * (≈ 30) stays below fifteen people writing about one estate for a month (≈ 38 with no likes):
 * a like costs one tap and is easily organised, a message costs a citizen's time.
 * growth = (messages in the window's last 7 days + 1) ÷ (average per 7 days before them + 1).
 */

export interface HeatInput {
  messages: number;
  petitioners: number;
  supporters: number;
  firstAt: string;
  lastAt: string;
  /** Message times (ISO), for growth. */
  times: readonly string[];
  /** End of the analysed window (ISO): growth is measured up to it. */
  windowEnd: string;
  /** Start of the analysed window (ISO). */
  windowStart: string;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export function growthOf(times: readonly string[], windowStart: string, windowEnd: string): number {
  const end = Date.parse(windowEnd);
  const recentFrom = end - WEEK_MS;
  const start = Date.parse(windowStart);
  let recent = 0;
  let before = 0;
  for (const t of times) {
    const ms = Date.parse(t);
    if (ms > end) continue;
    if (ms > recentFrom) recent++;
    else if (ms >= start) before++;
  }
  const weeksBefore = Math.max(1, (recentFrom - start) / WEEK_MS);
  return (recent + 1) / (before / weeksBefore + 1);
}

export function heatIndex(h: HeatInput): number {
  const spanDays = Math.max(0, (Date.parse(h.lastAt) - Date.parse(h.firstAt)) / DAY_MS);
  const growth = h.messages >= 3 ? growthOf(h.times, h.windowStart, h.windowEnd) : 1;
  const heat =
    10 * Math.log1p(h.petitioners) +
    4 * Math.log1p(Math.max(0, h.messages - h.petitioners)) +
    3 * Math.log1p(Math.max(0, h.supporters)) +
    (h.petitioners >= 2 ? 3 * Math.log1p(spanDays) : 0) +
    5 * Math.min(3, Math.log2(Math.max(1, growth)));
  return Math.round(heat * 10) / 10;
}
