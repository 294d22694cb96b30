/**
 * What the evaluation Worker counts per (month, department, region, category). Every counter is a
 * sum of per-event increments, so rollups are order-independent: a shuffled or replayed batch
 * (made idempotent by event id) ends in the same numbers, and a rebuild from the event log equals
 * the incremental result.
 */
export const COUNTERS = [
  "received", // accepted for handling (受理)
  "assigned", // each assignment to a department (交办), reassignments included
  "acknowledgedOnTime", // 签收 within the acknowledge limit
  "acknowledgedLate",
  "replied", // replies published
  "repliedOnTime", // published before the reply deadline (extensions honoured)
  "replyOverdue", // reply deadlines missed (the 催办 at the deadline): a late reply was counted here already
  "replyChecked", // published replies with a reply-quality verdict (shared/scoring/replies)
  "replyBoilerplate", // of them, flagged boilerplate (套话): says nothing about the case
  "returned", // 退回 by the department
  "extended", // extensions approved
  "redone", // 重办 after a dissatisfied rating
  "rated",
  "solved",
  "partlySolved",
  "satisfied",
  "basicallySatisfied",
  "dissatisfied",
  "closed",
  "unrated", // closed without a rating: never counted as satisfied
  "urged", // 催办, automatic or by hand
  "supervised", // 督办
  "noticed", // 通报
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export function emptyCounters(): Counters {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;
}

export function addCounters(a: Counters, b: Partial<Counters>): Counters {
  const out = { ...a };
  for (const c of COUNTERS) out[c] += b[c] ?? 0;
  return out;
}

export function sumCounters(rows: Iterable<Partial<Counters>>): Counters {
  let total = emptyCounters();
  for (const row of rows) total = addCounters(total, row);
  return total;
}
