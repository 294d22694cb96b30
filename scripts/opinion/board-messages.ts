import { monthBounds, SHANGHAI_OFFSET_MS, shanghaiDate } from "../../shared/clocks/period";
import { maskPersonalData } from "../../shared/routing/mask";
import type { IssueMessage } from "../../shared/scoring/opinion/issues/hot-issues";
import type { BoardRow } from "../import/board-row";
import { parseBoardTime } from "../import/times";

/**
 * A board's rows as the hot-issue analysis reads them: masked like any message the platform
 * analyses, timed in Beijing time, within the months asked for. A row whose time has a date but
 * no time of day still counts (at 00:00): an issue's month does not need the minute.
 */

export interface BoardMessages {
  messages: IssueMessage[];
  /** Rows left out because their time could not be read at all. */
  unreadable: number;
  windowStart: string;
  windowEnd: string;
}

const DATE_ONLY = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})/;

function timeOf(raw: string, now: number): string | null {
  const t = parseBoardTime(raw, now);
  if (t.ok) return new Date(t.ms).toISOString();
  const d = DATE_ONLY.exec(raw.trim());
  if (!d) return null;
  const [y, m, day] = d.slice(1, 4).map(Number);
  const ms = Date.UTC(y ?? 0, (m ?? 1) - 1, day ?? 1) - SHANGHAI_OFFSET_MS;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function boardMessages(rows: readonly BoardRow[], from?: string, to?: string, now = Date.now()): BoardMessages {
  const messages: IssueMessage[] = [];
  let unreadable = 0;
  for (const r of rows) {
    const at = timeOf(r.submittedAt, now);
    if (!at) {
      unreadable++;
      continue;
    }
    const month = shanghaiDate(at).slice(0, 7);
    if ((from && month < from) || (to && month > to)) continue;
    messages.push({
      id: r.messageId,
      title: maskPersonalData(r.title.trim()),
      body: maskPersonalData(r.body.trim()),
      at,
      author: r.author,
      supporters: Number.parseInt(r.supporters ?? "0", 10) || 0,
    });
  }
  const times = messages.map((m) => m.at).sort();
  return {
    messages,
    unreadable,
    windowStart: from ? monthBounds(from).from : (times[0] ?? ""),
    windowEnd: to ? monthBounds(to).to : (times.at(-1) ?? ""),
  };
}
