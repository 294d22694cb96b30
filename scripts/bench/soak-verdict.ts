/**
 * The soak's pass/fail (`npm run bench -- --soak N`): what the checks in soak-checks.ts counted,
 * judged. Kept pure so each way of failing has a test (soak-verdict.test.ts).
 */

export interface SoakCounts {
  /** Receipts (201/200 with a tracking number) the load generator got back. */
  accepted: number;
  /** Of those, how many tracking numbers D1 holds. */
  found: number;
  /** Rows in `cases` beyond one per submission (the title carries the submission's number). */
  duplicates: number;
  /** Cases no receipt names: requests the client gave up on (timeouts) that went through anyway. */
  orphans: number;
  clientTimeouts: number;
  /** Cases still waiting for screening and routing after the drain. */
  unrouted: number;
  /** Cases not where routing (the 派单目录 as seeded) sends them: other department, held, rejected, merged. */
  misrouted: number;
  /** City totals of the rollups against the events in D1 (one `received` per acceptance, one `assigned` per assignment). */
  rollups: { received: number; expectedReceived: number; assigned: number; expectedAssigned: number };
  /** Chains walked through `GET /api/v1/cases/{trackingNo}/verify`. */
  chainsChecked: number;
  chainsInvalid: number;
  /** Cases whose D1 event log (count or head hash) differs from the object's. */
  projectionBehind: number;
}

export interface SoakVerdict {
  loss: number;
  duplicates: number;
  ok: boolean;
  failures: string[];
}

export function soakVerdict(c: SoakCounts): SoakVerdict {
  const loss = Math.max(0, c.accepted - c.found);
  const { received, expectedReceived, assigned, expectedAssigned } = c.rollups;
  const failures = [
    loss > 0 && `${loss} accepted case(s) missing from D1`,
    c.duplicates > 0 && `${c.duplicates} submission(s) became more than one case`,
    c.orphans > c.clientTimeouts &&
      `${c.orphans} case(s) without a receipt, more than the ${c.clientTimeouts} request(s) the client gave up on`,
    c.unrouted > 0 && `${c.unrouted} case(s) never screened or routed`,
    c.misrouted > 0 && `${c.misrouted} case(s) not where routing sends them`,
    received !== expectedReceived && `rollups count ${received} received for ${expectedReceived} acceptances`,
    assigned !== expectedAssigned && `rollups count ${assigned} assigned for ${expectedAssigned} assignments`,
    c.chainsChecked < c.found && `only ${c.chainsChecked} of ${c.found} chains checked`,
    c.chainsInvalid > 0 && `${c.chainsInvalid} case(s) with a broken hash chain`,
    c.projectionBehind > 0 && `${c.projectionBehind} case(s) whose D1 events differ from the object's`,
  ].filter((f): f is string => typeof f === "string");
  return { loss, duplicates: c.duplicates, ok: failures.length === 0, failures };
}

export interface MemorySamples {
  /** workerd's resident set (MiB) before the first submission, after the drain, and the most seen between. */
  startMiB: number;
  endMiB: number;
  peakMiB: number;
  /**
   * Once warm (a fifth of the run, at most a minute, into the load): isolates compiled, caches
   * filled. Growth from here to the end is what a leak would show; growth from the start is mostly
   * warming up.
   */
  warmMiB: number;
}

/** Growth over the run, in MiB and as a share of the start, and since the platform was warm. */
export function memoryGrowth(m: MemorySamples): { growthMiB: number; growthPct: number; sinceWarmMiB: number } {
  const growthMiB = m.endMiB - m.startMiB;
  return {
    growthMiB,
    growthPct: m.startMiB > 0 ? (growthMiB / m.startMiB) * 100 : Number.NaN,
    sinceWarmMiB: m.endMiB - m.warmMiB,
  };
}
